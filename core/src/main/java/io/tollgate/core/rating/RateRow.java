package io.tollgate.core.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of a rate deck: what calls to numbers starting with {@code prefix} cost while the row is effective.
 *
 * @param rate          per minute, in the deck's currency
 * @param effectiveFrom first instant the row applies (inclusive); null = always
 * @param effectiveTo   instant the row stops applying (exclusive); null = open
 */
public record RateRow(
        String prefix,
        String destination,
        BigDecimal rate,
        BigDecimal connectFee,
        Increments increments,
        int minDuration,
        Instant effectiveFrom,
        Instant effectiveTo) {

    public RateRow {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(connectFee, "connectFee");
        Objects.requireNonNull(increments, "increments");
        destination = destination == null ? "" : destination;
        if (effectiveFrom != null && effectiveTo != null && !effectiveTo.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("effective_to " + effectiveTo + " is not after effective_from " + effectiveFrom);
        }
    }

    /** A row with the deck defaults: no connect fee, 60/60, no minimum, always effective. */
    public static RateRow simple(String prefix, String rate) {
        return new RateRow(prefix, "", new BigDecimal(rate), BigDecimal.ZERO, Increments.PER_MINUTE, 0, null, null);
    }

    /** True when the row applies at {@code t}: {@code effectiveFrom <= t < effectiveTo}. */
    public boolean isEffectiveAt(Instant t) {
        return (effectiveFrom == null || !t.isBefore(effectiveFrom)) && (effectiveTo == null || t.isBefore(effectiveTo));
    }

    /** Orders versions of one prefix: a later effective_from supersedes an earlier one while both are effective. */
    boolean supersedes(RateRow other) {
        if (other.effectiveFrom == null) {
            return effectiveFrom != null;
        }
        return effectiveFrom != null && effectiveFrom.isAfter(other.effectiveFrom);
    }
}
