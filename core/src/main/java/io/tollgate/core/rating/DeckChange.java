package io.tollgate.core.rating;

import java.math.BigDecimal;

/**
 * What happened to one prefix between two versions of a deck, as a trader reads it before accepting a vendor's
 * new deck.
 *
 * @param before the prefix's row in the older version; null when {@link Kind#NEW}
 * @param after  the prefix's row in the newer version; null when {@link Kind#REMOVED}
 */
public record DeckChange(Kind kind, String prefix, RateRow before, RateRow after) {

    public enum Kind {
        NEW, REMOVED, PRICE_UP, PRICE_DOWN,
        /** same rate, other terms changed: increments, connect fee, minimum duration or effective_to */
        TERMS;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public String destination() {
        return after != null ? after.destination() : before.destination();
    }

    public BigDecimal oldRate() {
        return before == null ? null : before.rate();
    }

    public BigDecimal newRate() {
        return after == null ? null : after.rate();
    }
}
