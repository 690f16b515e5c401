package org.uclr.baselines.crossdomain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An epoch of several domains cut into joint steps, as HeroGraph's authors train (their README: every
 * batch takes one group per domain, with per-domain batch sizes chosen so that every domain has about
 * the same number of batches): steps = ceil(total examples / batch size), and domain d's batch size
 * is ceil(examples_d / steps), so a step holds about {@code batchSize} examples in all, in proportion
 * to the domains' sizes, and every domain is seen at every step (except where ceil leaves a domain
 * with one batch fewer).
 */
public final class DomainSteps {
    private DomainSteps() {
    }

    /**
     * @param examples  examples per domain (each &gt;= 0)
     * @param batchSize examples per step over all domains (&gt;= 1)
     * @return steps per epoch, at least 1
     */
    public static int steps(int[] examples, int batchSize) {
        long total = 0;
        for (int e : examples) {
            total += e;
        }
        return (int) Math.max(1, (total + batchSize - 1) / batchSize);
    }

    /** Domain batch size for {@code steps} steps: ceil(examples / steps), at least 1. */
    public static int domainBatchSize(int examples, int steps) {
        return Math.max(1, (examples + steps - 1) / steps);
    }

    /**
     * The k-th step holds the k-th batch of every domain, or null for a domain whose batches ran out.
     *
     * @param perDomain each domain's batches of the epoch, in order
     * @return one list per step, one entry per domain (nulls allowed)
     */
    public static <X> List<List<X>> zip(List<List<X>> perDomain) {
        int longest = 0;
        for (List<X> batches : perDomain) {
            longest = Math.max(longest, batches.size());
        }
        List<List<X>> steps = new ArrayList<>(longest);
        for (int k = 0; k < longest; k++) {
            List<X> step = new ArrayList<>(perDomain.size());
            for (List<X> batches : perDomain) {
                step.add(k < batches.size() ? batches.get(k) : null);
            }
            steps.add(Collections.unmodifiableList(step));
        }
        return steps;
    }
}
