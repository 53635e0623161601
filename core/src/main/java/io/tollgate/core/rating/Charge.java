package io.tollgate.core.rating;

import java.math.BigDecimal;

/**
 * The outcome of rating one call against one deck: either a charge (the row used, seconds billed, cost rounded
 * once by the deck's rule) or the reason it could not be rated. An unratable call is never a silent zero.
 */
public record Charge(RateRow row, long billedSeconds, BigDecimal cost, Unrated reason) {

    /** Why a call has no charge. */
    public enum Unrated {
        NO_RATE("no_rate"),
        BAD_NUMBER("bad_number");

        private final String code;

        Unrated(String code) {
            this.code = code;
        }

        /** The short code written in CSV outputs and CDR flags. */
        public String code() {
            return code;
        }
    }

    static Charge rated(RateRow row, long billedSeconds, BigDecimal cost) {
        return new Charge(row, billedSeconds, cost, null);
    }

    static Charge unrated(Unrated reason) {
        return new Charge(null, 0, null, reason);
    }

    public boolean isRated() {
        return reason == null;
    }
}
