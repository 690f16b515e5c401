package org.uclr.model.uclr;

/** {@code uclr.tau.signal}: what about a user the user-dependent temperature rules read. */
public enum TauSignal {
    /** 1 + the user's training interactions over all domains. */
    ACTIVITY,
    /** The norm of the user's pretrained embedding W0[u] (grows with activity under BPR). */
    NORM
}
