package io.tollgate.core.billing;

import java.time.Instant;
import java.util.Currency;

/** Calls rated in a currency the invoice cannot convert: the invoice is refused, never priced at a made-up rate. */
public final class MissingFxRateException extends RuntimeException {
    public MissingFxRateException(Currency from, Currency to, Instant at) {
        super("no exchange rate " + from.getCurrencyCode() + " -> " + to.getCurrencyCode() + " in force at " + at
                + "; add one under fx_rates in the configuration");
    }
}
