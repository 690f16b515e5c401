package org.uclr.leaderboard;

/** When a finished run may stand in for a job instead of training again. */
public enum ReusePolicy {
    /** Same effective configuration and same code version: the run is what the job would produce now. */
    EXACT,
    /** Same effective configuration, any code version: for rebuilding a report after unrelated code changes. */
    CONFIG
}
