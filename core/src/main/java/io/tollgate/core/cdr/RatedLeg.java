package io.tollgate.core.cdr;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * One priced side of a call: the customer leg (revenue) or the vendor leg that carried it (cost).
 *
 * @param deckId the deck that priced the leg: a deck store id or a deck file's name
 * @param deckVersion that deck's version (0 for a deck read from a file), so a dispute or a re-rating can name it
 * @param currency the deck's currency, which the amount is in
 * @param prefix the deck row's prefix that matched the B-number
 * @param rate the row's rate per minute
 * @param billedS seconds charged after minimum duration and increments; 0 for an unanswered call
 * @param amount the charge, connect fee included, rounded once by the deck's rule
 */
public record RatedLeg(String deckId, int deckVersion, Currency currency, String prefix, BigDecimal rate, long billedS,
                       BigDecimal amount) {

    public RatedLeg {
        Objects.requireNonNull(deckId, "deckId is required");
        Objects.requireNonNull(currency, "currency is required");
        Objects.requireNonNull(prefix, "prefix is required");
        Objects.requireNonNull(rate, "rate is required");
        Objects.requireNonNull(amount, "amount is required");
        if (deckVersion < 0) {
            throw new IllegalArgumentException("deckVersion must not be negative: " + deckVersion);
        }
        if (billedS < 0) {
            throw new IllegalArgumentException("billedS must not be negative: " + billedS);
        }
    }
}
