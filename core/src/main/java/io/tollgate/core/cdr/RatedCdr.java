package io.tollgate.core.cdr;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * A CDR priced on both sides, as published on {@code tollgate.rated-cdrs} and stored in {@code rated_cdrs}.
 *
 * <p>A call that cannot be priced keeps whatever leg could be priced, a null margin and a short, stable
 * {@code unratedReason} (such as the rater's {@code no_rate} or {@code bad_number}) so that it is counted and fixed
 * rather than billed as a silent zero. An unanswered call that was priced is rated, with zero amounts and margin.
 *
 * @param vendor the vendor whose deck priced the cost side; null when no vendor leg was tried
 * @param customerLeg revenue; null only when unrated
 * @param vendorLeg cost; null only when unrated
 * @param margin revenue minus cost, exactly; null when unrated
 * @param currency the currency of both amounts and the margin; null only when unrated
 */
public record RatedCdr(
        Cdr cdr,
        String vendor,
        RatedLeg customerLeg,
        RatedLeg vendorLeg,
        BigDecimal margin,
        Currency currency,
        String unratedReason) {

    public RatedCdr {
        Objects.requireNonNull(cdr, "cdr is required");
        if (unratedReason == null) {
            Objects.requireNonNull(customerLeg, "customerLeg is required on a rated CDR");
            Objects.requireNonNull(vendorLeg, "vendorLeg is required on a rated CDR");
            Objects.requireNonNull(currency, "currency is required on a rated CDR");
            Objects.requireNonNull(margin, "margin is required on a rated CDR");
            BigDecimal expected = customerLeg.amount().subtract(vendorLeg.amount());
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
    public static RatedCdr rated(Cdr cdr, String vendor, RatedLeg customerLeg, RatedLeg vendorLeg, Currency currency) {
        Objects.requireNonNull(customerLeg, "customerLeg is required on a rated CDR");
        Objects.requireNonNull(vendorLeg, "vendorLeg is required on a rated CDR");
        BigDecimal margin = customerLeg.amount().subtract(vendorLeg.amount());
        return new RatedCdr(cdr, vendor, customerLeg, vendorLeg, margin, currency, null);
    }

    /** A CDR that could not be priced on at least one leg; either leg may be null. */
    public static RatedCdr unrated(Cdr cdr, String vendor, RatedLeg customerLeg, RatedLeg vendorLeg,
            Currency currency, String reason) {
        Objects.requireNonNull(reason, "reason is required for an unrated CDR");
        return new RatedCdr(cdr, vendor, customerLeg, vendorLeg, null, currency, reason);
    }

    public boolean rated() {
        return unratedReason == null;
    }

    /** The Kafka key of the rated CDR, which is its CDR's. */
    public String callId() {
        return cdr.callId();
    }
}
