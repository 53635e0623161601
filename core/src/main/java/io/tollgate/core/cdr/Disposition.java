package io.tollgate.core.cdr;

/** How a call ended, from the customer's point of view. Only {@link #ANSWERED} calls are charged. */
public enum Disposition {
    ANSWERED,
    /** The called party was busy (Q.850 17). */
    BUSY,
    /** Nobody answered before the timeout (Q.850 18, 19). */
    NO_ANSWER,
    /** The caller hung up before any answer. */
    CANCELLED,
    /** No route had capacity (Q.850 34, 38, 42). */
    CONGESTION,
    /** Tollgate refused the call: a block, a limit or no route within the margin policy. */
    REJECTED,
    /** Any other failure. */
    FAILED
}
