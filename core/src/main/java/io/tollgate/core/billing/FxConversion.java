package io.tollgate.core.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/** The exchange an invoice used, printed on it: {@code rate} units of {@code to} per unit of {@code from}. */
public record FxConversion(Currency from, Currency to, BigDecimal rate, Instant fixedAt) {

    public String note() {
        return "Calls rated in " + from.getCurrencyCode() + " converted at 1 " + from.getCurrencyCode() + " = "
                + rate.toPlainString() + " " + to.getCurrencyCode() + " (rate in force at " + fixedAt + ")";
    }
}
