package io.tollgate.jobs.fraud.features;

import java.math.BigDecimal;

/**
 * One call of a customer as its events and its rated CDR describe it; times are epoch ms, {@link #NONE} when not
 * (yet) known.
 *
 * <p>Memory: an entry is about 64 bytes (3 longs, 5 references, 2 booleans), plus its HashMap node (~40 bytes), its
 * call id (~80 bytes for a 36-character id) and its number (~56 bytes); a rated call adds two small BigDecimals
 * (~40 bytes each): some 240 bytes on the heap, 320 when rated. Serialised by Flink's Kryo a call takes about
 * 90 bytes with a 40-character call id (measured: 93 KB for 1,000 calls, half of them rated).
 */
public final class CallEntry {
    static final long NONE = Long.MIN_VALUE;

    private String callId;
    /** E.164 digits of the B-number, null when it did not normalise. */
    private String number;
    private long setupMs = NONE;
    private long answerMs = NONE;
    private long endMs = NONE;
    /** A vendor was tried: the call left our switch. */
    private boolean attempted;
    /** A CDR of the call came, rated or not: a second one is a duplicate. */
    private boolean billed;
    private boolean rated;
    private String currency;
    private BigDecimal revenue;
    private BigDecimal margin;

    public CallEntry() {
    }

    CallEntry(String callId) {
        this.callId = callId;
    }

    String callId() {
        return callId;
    }

    String number() {
        return number;
    }

    void number(String digits) {
        if (number == null) {
            number = digits;
        }
    }

    long setupMs() {
        return setupMs;
    }

    long answerMs() {
        return answerMs;
    }

    long endMs() {
        return endMs;
    }

    boolean hasSetup() {
        return setupMs != NONE;
    }

    boolean answered() {
        return answerMs != NONE;
    }

    boolean ended() {
        return endMs != NONE;
    }

    /** Set up and not ended. */
    boolean open() {
        return hasSetup() && !ended();
    }

    /** Sets the setup time once; true if it was new. */
    boolean setup(long ms) {
        if (hasSetup()) {
            return false;
        }
        setupMs = ms;
        return true;
    }

    void attempted() {
        attempted = true;
    }

    /**
     * Whether the call reached the network: a vendor was tried or it was answered. A call the routing agent refused
     * itself (a block, a limit, no route) rang nobody and cost nothing; counted as a short call, a block's own
     * refusals of an attack would look like a short-call burst.
     */
    boolean reachedNetwork() {
        return attempted || answered();
    }

    /** Keeps the earliest answer. */
    void answer(long ms) {
        answerMs = answered() ? Math.min(answerMs, ms) : ms;
    }

    /** Sets the end time once; true if it was new. */
    boolean end(long ms) {
        if (ended()) {
            return false;
        }
        endMs = ms;
        return true;
    }

    boolean billed() {
        return billed;
    }

    boolean rated() {
        return rated;
    }

    void bill(boolean priced, String currencyCode, BigDecimal revenueAmount, BigDecimal marginAmount) {
        billed = true;
        rated = priced;
        currency = currencyCode;
        revenue = revenueAmount;
        margin = marginAmount;
    }

    String currency() {
        return currency;
    }

    BigDecimal revenue() {
        return revenue;
    }

    BigDecimal margin() {
        return margin;
    }

    /** Answered time, 0 unless answered and ended. */
    long talkMs() {
        return answered() && ended() ? Math.max(0, endMs - answerMs) : 0;
    }

    /** Ended unanswered, or talked less than {@code shortMs}. */
    boolean isShort(long shortMs) {
        return ended() && (!answered() || endMs - answerMs < shortMs);
    }

    /** The earliest time known of the call. */
    long firstMs() {
        return min(min(setupMs, answerMs), endMs);
    }

    /** The latest time known of the call. */
    long lastMs() {
        return Math.max(Math.max(setupMs, answerMs), endMs);
    }

    private static long min(long a, long b) {
        if (a == NONE) {
            return b;
        }
        return b == NONE ? a : Math.min(a, b);
    }
}
