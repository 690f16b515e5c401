package org.uclr.eval;

/**
 * {@code rec.eval.protocol}: which ranking the test metrics are taken over.
 * <ul>
 *   <li>{@link #SAMPLED}: the held-out positive against its sampled negatives (the paper's 1 + 99);</li>
 *   <li>{@link #FULL}: against every item of the domain except the user's training and validation items
 *       (RecBole's "full sort"; {@link FullRanking});</li>
 *   <li>{@link #BOTH}: both, reported side by side (sampled metrics can reorder models: Krichene and
 *       Rendle, "On Sampled Metrics for Item Recommendation", KDD 2020).</li>
 * </ul>
 */
public enum EvalProtocol {
    SAMPLED,
    FULL,
    BOTH;

    public boolean sampled() {
        return this != FULL;
    }

    public boolean full() {
        return this != SAMPLED;
    }
}
