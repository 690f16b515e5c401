package org.uclr.data;

/** Which users a multi-domain dataset keeps. */
public enum UserPolicy {
    /** Users present in every domain (the paper's setting). */
    OVERLAP,
    /** Users present in at least one domain. */
    UNION
}
