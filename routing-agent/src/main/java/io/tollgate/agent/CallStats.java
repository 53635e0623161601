package io.tollgate.agent;

/** What call control reports for metrics; {@link #NONE} where nobody listens. */
public interface CallStats {
    CallStats NONE = new CallStats() {
    };

    default void callStarted() {
    }

    default void callEnded() {
    }

    default void refused(Refusal why) {
    }

    /** One vendor attempt ended with {@code cause}; {@code "capacity"} attempts never left the agent. */
    default void attemptEnded(String vendor, int cause) {
    }

    default void routeLookup(long nanos) {
    }

    /** From the customer leg's StasisStart reaching the agent to the switch accepting the first vendor dial. */
    default void firstDial(long nanos) {
    }

    default void maxDurationReached() {
    }
}
