package io.tollgate.core.json;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.fraud.Evidence;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static io.tollgate.core.json.CallEventJsonTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** Amounts are money: written as plain decimals and read back to the last digit and the same scale. */
class BigDecimalJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.000001", "12345678901.123456", "0", "0.000000", "1.50", "-0.010450",
        "99999999999999999999.999999999999", "0.00000000000000000001"})
    void amountsSurviveExactlyAsPlainNumbers(String amount) {
        BigDecimal value = new BigDecimal(amount);
        RatedCdr rated = ratedWithRevenue(value);

        byte[] json = JsonCodec.RATED_CDR.encode(rated);
        RatedCdr back = JsonCodec.RATED_CDR.decode(json);

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"amount\":" + amount + "}");
        assertThat(back.customerLeg().amount()).isEqualTo(value).hasScaleOf(value.scale());
        assertThat(back.margin()).isEqualTo(value);
    }

    @Test
    void neverWritesAnExponent() {
        RatedCdr rated = ratedWithRevenue(new BigDecimal("1E+10"));
        Cdr tiny = cdrLasting(new BigDecimal("1E-7"));

        String ratedJson = new String(JsonCodec.RATED_CDR.encode(rated), StandardCharsets.UTF_8);
        String cdrJson = new String(JsonCodec.CDR.encode(tiny), StandardCharsets.UTF_8);

        assertThat(ratedJson).contains("\"amount\":10000000000}").doesNotContainPattern("\\d[eE][+-]?\\d");
        assertThat(cdrJson).contains("\"durationS\":0.0000001,");
        assertThat(JsonCodec.RATED_CDR.decode(bytes(ratedJson)).customerLeg().amount())
                .isEqualByComparingTo("10000000000");
    }

    @Test
    void readsAmountsWrittenWithAnExponentByOtherProducers() {
        String json = new String(JsonCodec.CDR.encode(cdrLasting(new BigDecimal("65.6"))), StandardCharsets.UTF_8)
                .replace("\"durationS\":65.6", "\"durationS\":6.56E1");

        assertThat(JsonCodec.CDR.decode(bytes(json)).durationS()).isEqualByComparingTo("65.6");
    }

    @Test
    void evidenceAmountsSurviveExactly() {
        Instant at = Instant.parse("2025-06-01T12:00:00Z");
        FraudAlert alert = new FraudAlert("r1", Severity.WARNING, "acme", "882",
                new Evidence(at, at, Map.of("calls", Long.MAX_VALUE),
                        Map.of("cost", new BigDecimal("12345678901.123456"), "rate", new BigDecimal("0.000001")),
                        List.of()),
                at, at);

        String json = new String(JsonCodec.FRAUD_ALERT.encode(alert), StandardCharsets.UTF_8);

        assertThat(json).contains("\"amounts\":{\"cost\":12345678901.123456,\"rate\":0.000001}");
        assertThat(json).contains("\"counts\":{\"calls\":9223372036854775807}");
        assertThat(JsonCodec.FRAUD_ALERT.decode(bytes(json))).isEqualTo(alert);
    }

    private static RatedCdr ratedWithRevenue(BigDecimal amount) {
        return RatedCdr.rated(cdrLasting(new BigDecimal("60")), "v1",
                new RatedLeg("c-1", 1, Currency.getInstance("EUR"), "44", new BigDecimal("0.000001"), 60, amount),
                new RatedLeg("v-1", 1, Currency.getInstance("EUR"), "44", new BigDecimal("12345678901.123456"), 60,
                        BigDecimal.ZERO),
                BigDecimal.ONE);
    }

    private static Cdr cdrLasting(BigDecimal durationS) {
        Instant setup = Instant.parse("2025-06-01T12:00:00Z");
        return new Cdr("c1", "acme", null, "4420", setup, setup, setup.plusSeconds(120), durationS,
                Disposition.ANSWERED, 16, List.of());
    }
}
