package io.tollgate.core.fraud;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.json.JsonCodec;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FraudRuleSetTest {
    private static final FraudProfile BUILT_IN = new FraudProfile(FraudProfiles.DEFAULTS, ZoneOffset.UTC,
            Map.of("irsf.calls", new BigDecimal("10"), "irsf.revenue", new BigDecimal("50.00")), Set.of(), Map.of());

    private final FraudRuleSet set = new FraudRuleSet(7, "ana", Instant.parse("2026-11-26T10:00:00Z"), "rule x",
            "mine.drl", Map.of("irsf.calls", new BigDecimal("12")),
            Map.of("acme", Map.of("irsf.revenue", new BigDecimal("80.50"))),
            Map.of("globex", List.of("irsf")),
            Map.of("*", Map.of("irsf", "mon-fri 20:00-08:00")),
            Map.of("2899", "test range"), Map.of("irsf", "CUSTOMER"));

    @Test
    void customersGetTheBuiltInThresholdsUnderTheDefaultsUnderTheirOwn() {
        FraudProfiles profiles = set.profiles(BUILT_IN, Map.of("acme", ZoneId.of("Europe/Berlin")));

        FraudProfile acme = profiles.forCustomer("acme");
        FraudProfile initech = profiles.forCustomer("initech");
        assertThat(acme.count("irsf", "calls")).isEqualTo(12);
        assertThat(acme.limit("irsf", "revenue")).isEqualByComparingTo("80.50");
        assertThat(initech.limit("irsf", "revenue")).isEqualByComparingTo("50.00");
        assertThat(acme.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(initech.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void exemptionsAndSchedulesDecideWhetherARuleApplies() {
        FraudProfiles profiles = set.profiles(BUILT_IN, Map.of());
        Instant mondayNight = Instant.parse("2026-11-23T21:00:00Z");
        Instant mondayNoon = Instant.parse("2026-11-23T12:00:00Z");

        assertThat(profiles.forCustomer("acme").applies("irsf", mondayNight)).isTrue();
        assertThat(profiles.forCustomer("acme").applies("irsf", mondayNoon)).isFalse();
        assertThat(profiles.forCustomer("globex").applies("irsf", mondayNight)).isFalse();
        assertThat(profiles.forCustomer("acme").applies("wangiri", mondayNoon)).as("no schedule: always").isTrue();
    }

    @Test
    void anUnsetThresholdIsAMistakeNamedForTheAnalyst() {
        assertThatThrownBy(() -> set.profiles(BUILT_IN, Map.of()).forCustomer("acme").limit("irsf", "minutes"))
                .hasMessageContaining("no threshold irsf.minutes for customer acme");
    }

    @Test
    void travelsAsJsonUnchanged() {
        byte[] json = JsonCodec.FRAUD_RULE_SET.encode(set);

        assertThat(JsonCodec.FRAUD_RULE_SET.decode(json)).isEqualTo(set);
        assertThat(JsonCodec.FRAUD_RULE_SET.decode(JsonCodec.FRAUD_RULE_SET.encode(FraudRuleSet.shipped())))
                .isEqualTo(FraudRuleSet.shipped());
    }

    @Test
    void highRiskPrefixesMatchTheLongestListedPrefix() throws Exception {
        HighRiskPrefixes list = HighRiskPrefixes.read(new StringReader("prefix,destination\n882,Intl networks\n"
                + "88213,Inmarsat\n"), "list.csv");

        assertThat(list.match("88213555")).isEqualTo("88213");
        assertThat(list.match("88299")).isEqualTo("882");
        assertThat(list.match("4930123")).isNull();
        assertThat(list.destination("88213")).isEqualTo("Inmarsat");
    }

    @Test
    void aBadPrefixListIsRefusedRowByRow() {
        assertThatThrownBy(() -> HighRiskPrefixes.read(new StringReader("prefix\n88x\n882\n882\n"), "list.csv"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.line() + ":" + p.field() + ":" + p.message())
                        .containsExactly("2:prefix:must be 1 to 15 digits, got '88x'",
                                "4:prefix:prefix 882 is listed twice"));
    }
}
