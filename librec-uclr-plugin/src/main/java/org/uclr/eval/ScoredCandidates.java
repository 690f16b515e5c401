package org.uclr.eval;

import java.util.List;

/** A model's scores for the candidates of every domain (test or validation). */
public record ScoredCandidates(List<ScoredDomain> domains) {
    public ScoredCandidates {
        domains = List.copyOf(domains);
    }

    public ScoredDomain domain(int d) {
        return domains.get(d);
    }
}
