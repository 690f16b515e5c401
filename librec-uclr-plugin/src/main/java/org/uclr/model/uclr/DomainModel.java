package org.uclr.model.uclr;

/**
 * {@code uclr.domain.model}: what UCLR does with the backbone trained on each domain alone (the per-domain
 * baseline: bprmf per-domain or lightgcn with the same keys and the baseline's own random streams, so the same
 * tables). Beyond the paper; each choice is made per domain on validation NDCG@10.
 */
public enum DomainModel {
    /** Not trained: every domain's stage 1 is the model over all domains (the paper). */
    OFF,
    /**
     * A stage-1 candidate: a domain keeps it where it scores better than the model over all domains, and the later
     * stages start from it. Stage 1 then never leaves a domain below its per-domain baseline on validation.
     */
    STAGE1,
    /**
     * Routing by activity after the last stage: in a domain, the users with more than t training interactions
     * there are scored by the per-domain model, the others by UCLR's pipeline, t per domain from
     * {@code uclr.route.grid} (infinity: UCLR for everyone). Inactive users keep the transfer from the other
     * domains; active users, whom their own domain already describes, get the domain's own model.
     */
    ROUTE
}
