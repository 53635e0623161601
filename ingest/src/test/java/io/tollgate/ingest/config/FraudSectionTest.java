package io.tollgate.ingest.config;

import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.FraudProfiles;
import io.tollgate.core.fraud.FraudRuleSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FraudSectionTest {
    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new ConfigFiles(dir);
    }

    @Test
    void withoutTheSectionTheShippedRulesApply() throws Exception {
        FraudRuleSet fraud = files.load(ConfigFiles.VALID).fraud();

        assertThat(fraud.drl()).isNull();
        assertThat(fraud.defaults()).isEmpty();
        assertThat(fraud.highRiskPrefixes().match("88213123")).isNull();
    }

    @Test
    void readsThresholdsSchedulesExemptionsBlocksAndTheFilesItNames() throws Exception {
        Files.writeString(dir.resolve("high-risk.csv"), "prefix,destination\n88213,Inmarsat\n+2899,Test range\n");
        Files.writeString(dir.resolve("mine.drl"), "package x;\n");
        FraudRuleSet fraud = files.load(ConfigFiles.VALID + """
                fraud:
                  rules: mine.drl
                  high_risk_prefixes: high-risk.csv
                  defaults:
                    irsf: {calls: 12, active: "mon-fri 20:00-08:00"}
                  customers:
                    acme:
                      exempt: [short-call-burst]
                      irsf: {calls: 40}
                  auto_block:
                    spend-cap: none
                """).fraud();

        assertThat(fraud.drl()).isEqualTo("package x;\n");
        assertThat(fraud.drlSource()).endsWith("mine.drl");
        assertThat(fraud.highRiskPrefixes().match("2899123")).isEqualTo("2899");
        assertThat(fraud.blocks()).containsExactly(Map.entry("spend-cap", "NONE"));

        FraudProfile builtIn = new FraudProfile(FraudProfiles.DEFAULTS, ZoneOffset.UTC,
                Map.of("irsf.calls", BigDecimal.TEN, "irsf.minutes", new BigDecimal("30")), Set.of(), Map.of());
        FraudProfiles profiles = fraud.profiles(builtIn, files.load(ConfigFiles.VALID).customerZones());
        FraudProfile acme = profiles.forCustomer("acme");
        FraudProfile other = profiles.forCustomer("globex");
        assertThat(acme.count("irsf", "calls")).isEqualTo(40);
        assertThat(other.count("irsf", "calls")).isEqualTo(12);
        assertThat(acme.count("irsf", "minutes")).isEqualTo(30);
        assertThat(acme.exempt()).containsExactly("short-call-burst");
        // Wednesday 2026-11-25 21:00 in Berlin is 20:00 UTC: inside 20:00-08:00 for acme, whose zone is Berlin
        assertThat(acme.applies("irsf", Instant.parse("2026-11-25T20:00:00Z"))).isTrue();
        assertThat(acme.applies("irsf", Instant.parse("2026-11-25T12:00:00Z"))).isFalse();
        assertThat(acme.applies("short-call-burst", Instant.parse("2026-11-25T12:00:00Z"))).isFalse();
    }

    @Test
    void everyProblemIsNamedByKeyPathAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "prefix\n88x\n");
        assertThat(files.problems(ConfigFiles.VALID + """
                fraud:
                  high_risk_prefixes: bad.csv
                  rules: missing.drl
                  defaults:
                    irsf: {calls: many, active: "someday 20:00-08:00"}
                  auto_block:
                    irsf: everything
                """)).containsExactlyInAnyOrder(
                "26: fraud.high_risk_prefixes: " + dir.resolve("bad.csv") + ":2: field 'prefix': must be 1 to 15 digits,"
                        + " got '88x'",
                "27: fraud.rules: no such file: " + dir.resolve("missing.drl"),
                "29: fraud.defaults.irsf.calls: must be a plain decimal >= 0, like 5000.00, got 'many'",
                "29: fraud.defaults.irsf.active: 'someday' is not a weekday (mon, tue, ... sun) in 'someday 20:00-08:00'",
                "31: fraud.auto_block.irsf: must be none, customer or destination, got 'everything'");
    }
}
