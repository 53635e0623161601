package io.tollgate.core.rating;

import io.tollgate.core.money.Rounding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Prices calls with the formula of ARCHITECTURE.md.
 *
 * <pre>
 * d      = duration in seconds, any fraction rounded up; d = max(d, min_duration)
 * billed = a                           if d &lt;= a
 *          a + ceil((d - a) / b) * b   otherwise            (increments a/b)
 * cost   = connect_fee + rate * billed / 60, exact, then rounded once by the deck's rule
 * </pre>
 * Unanswered calls (duration 0) bill 0 seconds and cost 0. Stateless and thread-safe.
 */
public final class Rater {
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private Rater() {
    }

    /** Rates a call to {@code number} (E.164 digits) that started at {@code start} and lasted {@code durationS}. */
    public static Charge rate(RateDeck deck, String number, Instant start, BigDecimal durationS) {
        RateRow row = deck.find(number, start);
        if (row == null) {
            return Charge.unrated(Charge.Unrated.NO_RATE);
        }
        long billed = billedSeconds(row, durationS);
        return Charge.rated(row, billed, cost(row, billed, deck.rounding()));
    }

    /** Seconds charged by {@code row} for a call of {@code durationS}; 0 for an unanswered call. */
    public static long billedSeconds(RateRow row, BigDecimal durationS) {
        if (durationS.signum() < 0) {
            throw new IllegalArgumentException("duration cannot be negative: " + durationS.toPlainString());
        }
        if (durationS.signum() == 0) {
            return 0;
        }
        long d = Math.max(durationS.setScale(0, RoundingMode.CEILING).longValueExact(), row.minDuration());
        return row.increments().billedSeconds(d);
    }

    /**
     * {@code connect_fee + rate * billed / 60}, rounded once. Computed as {@code (connect_fee * 60 + rate * billed) / 60}
     * so the one division is the rounding step and nothing is lost before it.
     */
    public static BigDecimal cost(RateRow row, long billedSeconds, Rounding rounding) {
        if (billedSeconds == 0) {
            return rounding.apply(BigDecimal.ZERO);
        }
        BigDecimal numerator = row.rate().multiply(BigDecimal.valueOf(billedSeconds));
        if (row.connectFee().signum() != 0) {
            numerator = numerator.add(row.connectFee().multiply(SIXTY));
        }
        return rounding.divide(numerator, SIXTY);
    }
}
