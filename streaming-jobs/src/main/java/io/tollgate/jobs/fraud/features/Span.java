package io.tollgate.jobs.fraud.features;

/**
 * The window one observation covers, {@code startMs} exclusive to {@code endMs} inclusive (the observation time is
 * the latest event seen, which must count), and what it needs to judge a call.
 *
 * @param currency the customer's currency: amounts in another are left out
 */
record Span(long startMs, long endMs, long shortMs, String currency) {

    boolean contains(long ms) {
        return ms > startMs && ms <= endMs;
    }

    /** The last minute before {@code endMs}, as {@code contains} takes it. */
    boolean inLastMinute(long ms) {
        return ms > endMs - Minutes.MS && ms <= endMs;
    }
}
