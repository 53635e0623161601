package io.tollgate.core.cdr;

import io.tollgate.core.money.Rounding;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A CDR priced on both sides, as published on {@code tollgate.rated-cdrs} and stored in {@code rated_cdrs}.
 *
 * <p>Each leg keeps its deck's currency, as the customer's invoice and the vendor's bill are in them. The margin is
 * in the customer's currency: a cost in another currency is converted at {@code fxRate}, the rate in force at
 * the call's setup. A call that cannot be priced keeps whatever leg could be priced, a null margin and a short,
 * stable {@code unratedReason} (such as the rater's {@code no_rate} or {@code bad_number}) so that it is counted
 * and fixed rather than billed as a silent zero. An unanswered call that was priced is rated, with zero amounts.
 *
 * @param vendor the vendor whose deck priced the cost side; null when no vendor leg was tried
 * @param customerLeg revenue; null only when unrated
 * @param vendorLeg cost; null when unrated, or when no vendor was tried (then the cost is zero)
 * @param fxRate units of the customer's currency per unit of the vendor's; 1 when they are the same; null when unrated
 * @param margin revenue minus converted cost; null when unrated
 * @param currency the customer's currency, which the margin is in; null when the customer is unknown
 */
public record RatedCdr(
        Cdr cdr,
        String vendor,
        RatedLeg customerLeg,
        RatedLeg vendorLeg,
        BigDecimal fxRate,
        BigDecimal margin,
        Currency currency,
        String unratedReason) {

    public RatedCdr {
        Objects.requireNonNull(cdr, "cdr is required");
        if (unratedReason == null) {
            Objects.requireNonNull(customerLeg, "customerLeg is required on a rated CDR");
            if (vendor != null) {
                Objects.requireNonNull(vendorLeg, "vendorLeg is required on a rated CDR");
            }
            Objects.requireNonNull(fxRate, "fxRate is required on a rated CDR");
            Objects.requireNonNull(currency, "currency is required on a rated CDR");
            Objects.requireNonNull(margin, "margin is required on a rated CDR");
            if (!customerLeg.currency().equals(currency)) {
                throw new IllegalArgumentException("the margin's currency " + currency + " is not the customer leg's "
                        + customerLeg.currency() + " for call " + cdr.callId());
            }
            BigDecimal expected = marginOf(customerLeg.amount(), costOf(vendorLeg), fxRate);
            if (margin.compareTo(expected) != 0) {
                throw new IllegalArgumentException("margin " + margin.toPlainString() + " is not revenue minus cost "
                        + expected.toPlainString() + " for call " + cdr.callId());
            }
        } else {
            if (unratedReason.isBlank()) {
                throw new IllegalArgumentException("unratedReason must not be blank");
            }
            if (margin != null) {
                throw new IllegalArgumentException("an unrated CDR has no margin, got " + margin.toPlainString());
            }
        }
    }

    /** A CDR priced on both legs; the margin is derived so that it cannot disagree with the amounts. */
    public static RatedCdr rated(Cdr cdr, String vendor, RatedLeg customerLeg, RatedLeg vendorLeg, BigDecimal fxRate) {
        Objects.requireNonNull(customerLeg, "customerLeg is required on a rated CDR");
        Objects.requireNonNull(fxRate, "fxRate is required on a rated CDR");
        return new RatedCdr(cdr, vendor, customerLeg, vendorLeg, fxRate,
                marginOf(customerLeg.amount(), costOf(vendorLeg), fxRate), customerLeg.currency(), null);
    }

    /** A CDR that could not be priced on at least one leg; either leg may be null. */
    public static RatedCdr unrated(Cdr cdr, String vendor, RatedLeg customerLeg, RatedLeg vendorLeg,
            Currency currency, String reason) {
        Objects.requireNonNull(reason, "reason is required for an unrated CDR");
        return new RatedCdr(cdr, vendor, customerLeg, vendorLeg, null, null, currency, reason);
    }

    /**
     * Revenue minus cost in the customer's currency. The same currency subtracts exactly; a converted cost is
     * rounded once by the default rule, since an exchange rate makes amounts no deck priced.
     */
    public static BigDecimal marginOf(BigDecimal revenue, BigDecimal cost, BigDecimal fxRate) {
        BigDecimal converted = fxRate.compareTo(BigDecimal.ONE) == 0 ? cost : Rounding.DEFAULT.apply(cost.multiply(fxRate));
        return revenue.subtract(converted);
    }

    private static BigDecimal costOf(RatedLeg vendorLeg) {
        return vendorLeg == null ? BigDecimal.ZERO : vendorLeg.amount();
    }

    public boolean rated() {
        return unratedReason == null;
    }

    /** The Kafka key of the rated CDR, which is its CDR's. */
    public String callId() {
        return cdr.callId();
    }
}
