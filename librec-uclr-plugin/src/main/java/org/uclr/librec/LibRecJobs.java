package org.uclr.librec;

import net.librec.job.RecommenderJob;

/**
 * Whether the current call comes from LibRec's own {@link RecommenderJob} (what LibRec's {@code RecDriver}, its
 * distribution script and its Java API run), rather than from this project's launcher or a test calling a
 * recommender directly. LibRec's job does less than ours (no key checks, no results.json), so what it leaves
 * out is done for it only when it is the caller.
 */
public final class LibRecJobs {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private LibRecJobs() {
    }

    /** True when a {@link RecommenderJob} (or a subclass) is on the calling thread's stack. */
    public static boolean isCaller() {
        return WALKER.walk(frames -> frames.anyMatch(f -> RecommenderJob.class.isAssignableFrom(f.getDeclaringClass())));
    }
}
