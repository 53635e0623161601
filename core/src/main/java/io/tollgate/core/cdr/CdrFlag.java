package io.tollgate.core.cdr;

/** Why a CDR may not tell the whole story of its call; billing and fraud read the flags, nothing drops the CDR. */
public enum CdrFlag {
    /** The call's END never came: assembly closed it after its timeout, ending it at the last event seen. */
    TIMED_OUT,
    /** Sequence numbers show events that never arrived; the CDR is built from those that did. */
    EVENTS_MISSING,
    /** The agent's orphan sweeper ended the call after a restart lost its state. */
    SWEPT
}
