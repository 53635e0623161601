package io.tollgate.core.money;

import io.tollgate.core.money.FxRates.FxRate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FxRatesTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final FxRates RATES = FxRates.of(List.of(
            new FxRate(USD, EUR, new BigDecimal("0.92"), Instant.parse("2026-01-01T00:00:00Z")),
            new FxRate(USD, EUR, new BigDecimal("0.95"), Instant.parse("2026-06-01T00:00:00Z"))));

    @Test
    void theRateInForceAtTheTimeApplies() {
        assertThat(RATES.rate(USD, EUR, Instant.parse("2026-05-31T23:59:59Z"))).contains(new BigDecimal("0.92"));
        assertThat(RATES.rate(USD, EUR, Instant.parse("2026-06-01T00:00:00Z"))).contains(new BigDecimal("0.95"));
    }

    @Test
    void theInverseServesTheOtherDirection() {
        assertThat(RATES.rate(EUR, USD, Instant.parse("2026-07-01T00:00:00Z")).orElseThrow())
                .isEqualByComparingTo(BigDecimal.ONE.divide(new BigDecimal("0.95"), 12, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void unknownPairsAndTimesBeforeTheFirstRateHaveNone() {
        assertThat(RATES.rate(USD, GBP, Instant.parse("2026-07-01T00:00:00Z"))).isEmpty();
        assertThat(RATES.rate(USD, EUR, Instant.parse("2025-12-31T00:00:00Z"))).isEmpty();
        assertThat(FxRates.none().rate(EUR, EUR, Instant.EPOCH)).contains(BigDecimal.ONE);
    }
}
