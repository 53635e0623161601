package io.tollgate.agent;

/**
 * Why the agent refused a call before any vendor was tried, and the Q.850 cause the customer hears. The causes
 * are the ones a wholesale switch sends for the same condition, so the customer's switch reacts in kind: it
 * retries elsewhere on 34/42 and gives up on 21/3/28.
 */
public enum Refusal {
    UNKNOWN_CUSTOMER(21),
    CUSTOMER_BLOCKED(21),
    NO_CREDIT(21),
    OVER_CONCURRENT_CALLS(34),
    OVER_CPS(34),
    EVENT_BUFFER_FULL(42),
    INVALID_NUMBER(28),
    NO_CUSTOMER_RATE(3),
    NO_ROUTE(3),
    SWITCH_FAILURE(41);

    private final int cause;

    Refusal(int cause) {
        this.cause = cause;
    }

    public int cause() {
        return cause;
    }

    /** The label used in metrics and logs. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
