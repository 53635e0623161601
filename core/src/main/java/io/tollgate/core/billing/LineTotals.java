package io.tollgate.core.billing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * Rated calls one invoice line stands for, summed exactly in the currency they were rated in.
 *
 * @param adjustment calls from an earlier period billed late (or re-rated since): they go to the next invoice,
 *                   never into a closed one, and {@code amount} is what is still owed for them
 */
public record LineTotals(String destination, String prefix, BigDecimal rate, Currency currency, long calls,
                         long billedSeconds, BigDecimal amount, boolean adjustment) {
    public LineTotals {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
    }
}
