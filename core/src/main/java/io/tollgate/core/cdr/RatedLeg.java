package io.tollgate.core.cdr;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One priced side of a call: the customer leg (revenue) or the vendor leg that carried it (cost).
 *
 * @param deckVersion the rate deck version that priced the leg, so a dispute or a re-rating can name it
 * @param prefix the deck row's prefix that matched the B-number
 * @param rate the row's rate per minute
 * @param billedS seconds charged after minimum duration and increments; 0 for an unanswered call
 * @param amount the charge, connect fee included, rounded once by the deck's rule
 */
public record RatedLeg(String deckVersion, String prefix, BigDecimal rate, long billedS, BigDecimal amount) {

    public RatedLeg {
        Objects.requireNonNull(deckVersion, "deckVersion is required");
        Objects.requireNonNull(prefix, "prefix is required");
        Objects.requireNonNull(rate, "rate is required");
        Objects.requireNonNull(amount, "amount is required");
        if (billedS < 0) {
            throw new IllegalArgumentException("billedS must not be negative: " + billedS);
        }
    }
}
