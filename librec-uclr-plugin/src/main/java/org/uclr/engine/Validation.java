package org.uclr.engine;

import java.util.List;

/**
 * The early-stopping signal of a stage: the validation NDCG@10 of each domain it serves, computed from
 * the model's current parameters. A domain may have no validation users (every user has one or two
 * interactions there); it then gives no signal.
 */
public interface Validation {

    /** Names of the domains served, in order; index k below is into this list. */
    List<String> domains();

    /** Whether domain k has at least one validation user. */
    boolean hasUsers(int k);

    /** Mean validation NDCG@10 (in [0, 1]) of domain k's validation users under the current parameters. */
    double ndcg10(int k);
}
