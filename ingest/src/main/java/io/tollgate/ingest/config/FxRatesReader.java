package io.tollgate.ingest.config;

import io.tollgate.core.money.FxRates;
import io.tollgate.core.money.FxRates.FxRate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code fx_rates:}, the exchange rates finance fixes: each item {@code from}, {@code to}, {@code rate}
 * (units of {@code to} per unit of {@code from}) and {@code valid_from} (a date, from 00:00 UTC; in force until the
 * next rate of the pair). Optional: without it, a cost in another currency than the customer's is not converted.
 */
final class FxRatesReader {
    private static final Set<String> KEYS = Set.of("from", "to", "rate", "valid_from");

    FxRates read(ConfigNode node) {
        List<FxRate> rates = node.each(this::rate);
        return FxRates.of(rates);
    }

    private FxRate rate(ConfigNode item) {
        if (!item.mapping(KEYS, true)) {
            return null;
        }
        Currency from = item.get("from").required(ValueFormat.CURRENCY);
        ConfigNode toNode = item.get("to");
        Currency to = toNode.required(ValueFormat.CURRENCY);
        ConfigNode rateNode = item.get("rate");
        BigDecimal rate = rateNode.required(ValueFormat.AMOUNT);
        LocalDate validFrom = item.get("valid_from").required(ValueFormat.DATE);
        boolean usable = from != null && to != null && rate != null && validFrom != null;
        if (rate != null && rate.signum() == 0) {
            rateNode.problem("an exchange rate must be above 0");
            usable = false;
        }
        if (from != null && from.equals(to)) {
            toNode.problem("must differ from 'from' (" + from + ")");
            usable = false;
        }
        if (!usable) {
            return null;
        }
        return new FxRate(from, to, rate, validFrom.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
