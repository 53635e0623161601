package io.tollgate.core.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A line as printed, in the invoice's currency.
 *
 * @param rate   per minute, converted when the calls were rated in another currency
 * @param exact  the sum of the calls' amounts, unrounded
 * @param amount {@code exact} rounded to the currency's minor unit so that all lines add up to the net total
 */
public record InvoiceLine(int lineNo, String destination, String prefix, BigDecimal rate, long calls,
                          long billedSeconds, BigDecimal exact, BigDecimal amount, boolean adjustment) {

    /** Billed minutes for people: seconds / 60 to two decimals (amounts never come from this). */
    public BigDecimal billedMinutes() {
        return BigDecimal.valueOf(billedSeconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    public String description() {
        String name = destination.isEmpty() ? "Prefix " + prefix : destination + " (" + prefix + ")";
        return adjustment ? "Adjustment, earlier periods: " + name : name;
    }

    /** The line of a credit note: the same calls, the amount turned negative. */
    InvoiceLine negated(int number) {
        return new InvoiceLine(number, destination, prefix, rate, calls, billedSeconds, exact.negate(),
                amount.negate(), adjustment);
    }
}
