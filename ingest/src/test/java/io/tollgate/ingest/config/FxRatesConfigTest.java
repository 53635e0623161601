package io.tollgate.ingest.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;

class FxRatesConfigTest {
    private static final String RATES = """
            fx_rates:
              - {from: USD, to: EUR, rate: 0.92, valid_from: 2026-01-01}
              - {from: USD, to: EUR, rate: 0.95, valid_from: 2026-07-01}
            """;

    @TempDir
    Path dir;

    private ConfigFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new ConfigFiles(dir);
    }

    @Test
    void datedRatesAreReadAndAnAbsentSectionMeansNone() throws Exception {
        TollgateConfig config = files.load(ConfigFiles.VALID + RATES);
        Currency usd = Currency.getInstance("USD");
        Currency eur = Currency.getInstance("EUR");

        assertThat(config.fxRates().rate(usd, eur, Instant.parse("2026-06-30T23:59:59Z"))).contains(new BigDecimal("0.92"));
        assertThat(config.fxRates().rate(usd, eur, Instant.parse("2026-07-01T00:00:00Z"))).contains(new BigDecimal("0.95"));
        assertThat(files.load(ConfigFiles.VALID).fxRates().all()).isEmpty();
    }

    @Test
    void aBadRateIsNamedByPathAndLine() throws Exception {
        String bad = ConfigFiles.VALID + """
                fx_rates:
                  - {from: USD, to: USD, rate: 0, valid_from: someday}
                """;

        assertThat(files.problems(bad)).anySatisfy(p -> assertThat(p).contains("fx_rates[0].valid_from"))
                .anySatisfy(p -> assertThat(p).contains("fx_rates[0].rate: an exchange rate must be above 0"));
    }
}
