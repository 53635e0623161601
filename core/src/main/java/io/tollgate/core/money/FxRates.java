package io.tollgate.core.money;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Dated exchange rates, as finance fixes them: a rate holds from its date until the next one for the same pair.
 * A pair is looked up as given or inverted (1 / rate, to 12 decimals), so one line serves both directions.
 */
public final class FxRates implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int INVERSE_SCALE = 12;

    /** {@code rate} units of {@code to} per unit of {@code from}, from {@code validFrom} on. */
    public record FxRate(Currency from, Currency to, BigDecimal rate, Instant validFrom) implements Serializable {
        public FxRate {
            Objects.requireNonNull(from, "from is required");
            Objects.requireNonNull(to, "to is required");
            Objects.requireNonNull(rate, "rate is required");
            Objects.requireNonNull(validFrom, "validFrom is required");
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("an exchange rate must be positive, got " + rate.toPlainString());
            }
            if (from.equals(to)) {
                throw new IllegalArgumentException("an exchange rate needs two currencies, got " + from + " twice");
            }
        }
    }

    private static final FxRates NONE = new FxRates(List.of());

    private final List<FxRate> rates;

    private FxRates(List<FxRate> rates) {
        this.rates = rates;
    }

    public static FxRates none() {
        return NONE;
    }

    public static FxRates of(List<FxRate> rates) {
        List<FxRate> sorted = new ArrayList<>(rates);
        sorted.sort(Comparator.comparing(FxRate::validFrom).reversed());
        return new FxRates(List.copyOf(sorted));
    }

    /** Units of {@code to} per unit of {@code from} at {@code at}: 1 for one currency, empty when no rate is known. */
    public Optional<BigDecimal> rate(Currency from, Currency to, Instant at) {
        if (from.equals(to)) {
            return Optional.of(BigDecimal.ONE);
        }
        for (FxRate r : rates) {
            if (r.validFrom().isAfter(at)) {
                continue;
            }
            if (r.from().equals(from) && r.to().equals(to)) {
                return Optional.of(r.rate());
            }
            if (r.from().equals(to) && r.to().equals(from)) {
                return Optional.of(BigDecimal.ONE.divide(r.rate(), INVERSE_SCALE, RoundingMode.HALF_UP)
                        .stripTrailingZeros());
            }
        }
        return Optional.empty();
    }

    public List<FxRate> all() {
        return rates;
    }
}
