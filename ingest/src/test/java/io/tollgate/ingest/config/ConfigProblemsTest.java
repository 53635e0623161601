package io.tollgate.ingest.config;

import io.tollgate.core.billing.BillingCycle;
import io.tollgate.core.billing.TaxProfile;

import io.tollgate.core.csv.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of mistake is reported by line and key path, and all of a file's mistakes are reported together. */
class ConfigProblemsTest {
    @TempDir
    Path dir;

    private ConfigFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new ConfigFiles(dir);
    }

    /** {@link ConfigFiles#VALID} with one line replaced. */
    private static String with(String line, String replacement) {
        assertThat(ConfigFiles.VALID).contains(line);
        return ConfigFiles.VALID.replace(line, replacement);
    }

    @Test
    void theBaseFileIsValid() throws Exception {
        TollgateConfig config = files.load(ConfigFiles.VALID);

        Customer acme = config.customer("acme").orElseThrow();
        assertThat(acme.limits()).isEqualTo(new Limits(10, 2, new BigDecimal("100.50")));
        assertThat(acme.billingCycle()).isEqualTo(new BillingCycle.Monthly(1));
        assertThat(acme.taxProfile()).isEqualTo(new TaxProfile(TaxProfile.Kind.STANDARD, new BigDecimal("0.19"), ""));
        assertThat(acme.address().lines()).containsExactly("Main Street 1", "10117 Berlin");
        assertThat(acme.deck()).isEqualTo(new DeckRef.DeckFile(dir.resolve("decks/acme.csv")));
        assertThat(config.vendor("vendor-a").orElseThrow().capacity()).isEqualTo(30);
    }

    @Test
    void aWordThatIsNotANumberIsNamedByPathAndLine() throws Exception {
        assertThat(files.problems(with("cps: 2", "cps: ten")))
                .containsExactly("13: customers[0].limits.cps: must be a whole number >= 1, got 'ten'");
    }

    @Test
    void aMissingKeyIsRequiredWhereItsParentIs() throws Exception {
        assertThat(files.problems(with("""
                      - endpoint: vendor-a
                        capacity: 30
                """, """
                      - endpoint: vendor-a
                      - endpoint: vendor-b
                        capacity: 0
                """))).containsExactly(
                "22: vendors[0].trunks[0].capacity: required",
                "24: vendors[0].trunks[1].capacity: must be a whole number >= 1, got '0'");
    }

    @Test
    void anUnknownKeyInAKnownSectionIsATypo() throws Exception {
        assertThat(files.problems(with("credit: 100.50", "credt: 100.50"))).containsExactly(
                "11: customers[0].limits.credit: required",
                "14: customers[0].limits.credt: unknown key (known here: concurrent_calls, cps, credit)");
    }

    @Test
    void unknownTopLevelSectionsAreRefused() throws Exception {
        assertThat(files.problems(ConfigFiles.VALID + "customer: {}\nservices: {kafak: {}}\n")).containsExactly(
                "25: customer: unknown section (known: customers, vendors, services, topics, fx_rates, fraud, invoices, exports, console)",
                "26: services.kafak: unknown key (known here: ari, clickhouse, flink, kafka)");
    }

    @Test
    void theConsoleSectionReadsTokensFromTheEnvironmentOrAFile() throws Exception {
        Files.writeString(dir.resolve("finance.token"), "f".repeat(32) + "\n");
        TollgateConfig loaded = files.load(ConfigFiles.VALID + """
                console:
                  listen: 0.0.0.0:9090
                  tokens:
                    - {name: ana, role: fraud, token_env: TOLLGATE_TOKEN_FRAUD}
                    - {name: fin, role: finance, token_file: finance.token}
                """, Map.of("TOLLGATE_TOKEN_FRAUD", "a".repeat(32)));
        ConsoleConfig console = loaded.console();
        assertThat(console.host()).isEqualTo("0.0.0.0");
        assertThat(console.port()).isEqualTo(9090);
        assertThat(console.tokens()).extracting(ConsoleConfig.Token::name, ConsoleConfig.Token::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ana", "fraud"),
                        org.assertj.core.groups.Tuple.tuple("fin", "finance"));
        assertThat(console.tokens().get(0).value().reveal()).isEqualTo("a".repeat(32));
        assertThat(console.tokens().get(1).value().reveal()).isEqualTo("f".repeat(32));
        assertThat(console.toString()).doesNotContain("aaaa").doesNotContain("ffff");

        assertThat(files.load(ConfigFiles.VALID).console().tokens()).isEmpty();
        assertThat(files.load(ConfigFiles.VALID).console().port()).isEqualTo(8090);
    }

    @Test
    void consoleTokensNeverLiveInTheFileAndAMissingVariableIsNamed() throws Exception {
        assertThat(files.problems(ConfigFiles.VALID + """
                console:
                  listen: localhost
                  tokens:
                    - {name: ana, role: fraud, token_env: TOLLGATE_TOKEN_FRAUD}
                    - {name: ana, role: boss, token: s3cr3t-value-in-the-file}
                    - {name: tim, role: trader, token_env: SHORT}
                    - {name: tom, role: trader, token_env: SAME}
                    - {name: ted, role: trader}
                """, Map.of("SHORT", "abc", "SAME", "a".repeat(20), "TOLLGATE_TOKEN_FRAUD_X", "x")))
                .containsExactly(
                        "26: console.listen: must be HOST:PORT with a port from 0 to 65535, like 127.0.0.1:8090, got 'localhost'",
                        "28: console.tokens[0].token_env: the environment variable $TOLLGATE_TOKEN_FRAUD is not set",
                        "29: console.tokens[1].name: another token is named 'ana': the audit log tells callers apart by it",
                        "29: console.tokens[1].role: must be one of trader, finance, fraud, admin, got 'boss'",
                        "29: console.tokens[1].token: tokens never live in this file: give token_env (a variable holding it) or token_file",
                        "30: console.tokens[2].token_env: the token from $SHORT is shorter than 16 characters (openssl rand -hex 16 makes a good one)",
                        "32: console.tokens[4]: give either token_env (the variable holding the token) or token_file, not neither");
        assertThat(files.problems(ConfigFiles.VALID + """
                console:
                  tokens:
                    - {name: a, role: fraud, token_env: ONE}
                    - {name: b, role: admin, token_env: TWO}
                """, Map.of("ONE", "a".repeat(20), "TWO", "a".repeat(20))))
                .containsExactly("28: console.tokens[1].token_env: the token from $TWO is also token 'a': a token must"
                        + " say who calls");
    }

    @Test
    void theInvoicesSectionIsCheckedKeyByKey() throws Exception {
        String invoices = ConfigFiles.VALID + """
                invoices:
                  number_format: "INV-{yyyy}"
                  payment_terms_days: soon
                  schedules:
                    - {cron: "every day", final: maybe}
                """;
        assertThat(files.problems(invoices)).anySatisfy(p -> assertThat(p).contains("invoices.number_format")
                .contains("exactly one {seq}"))
                .anySatisfy(p -> assertThat(p).contains("invoices.payment_terms_days"))
                .anySatisfy(p -> assertThat(p).contains("invoices.schedules[0].cron"))
                .anySatisfy(p -> assertThat(p).contains("invoices.schedules[0].final"));
    }

    @Test
    void idsAreUniqueAndFreeOfColons() throws Exception {
        String twice = ConfigFiles.VALID.replace("vendors:", """
                  - id: acme
                    name: Acme again
                    address: {lines: [x], country: DE}
                    currency: EUR
                    time_zone: UTC
                    tax_profile: {kind: exempt}
                    limits: {concurrent_calls: 1, cps: 1, credit: 0}
                    endpoints: ["acme:2"]
                    deck: acme-2026
                vendors:""");
        assertThat(files.problems(twice)).containsExactly(
                "17: customers[1].id: 'acme' already identifies customers[0]",
                "24: customers[1].endpoints[0]: must not contain ':' (it separates the parts of instruction subjects), got 'acme:2'");
    }

    @Test
    void anEndpointIdentifiesExactlyOneAccount() throws Exception {
        String shared = with("endpoints: [customer]", "endpoints: [customer, vendor-a, customer]");
        assertThat(files.problems(shared)).containsExactly(
                "15: customers[0].endpoints[2]: 'customer' already identifies customer 'acme' (customers[0].endpoints[0])",
                "22: vendors[0].trunks[0].endpoint: 'vendor-a' already identifies customer 'acme' (customers[0].endpoints[1])");
    }

    @Test
    void currenciesTimeZonesCountriesAndAmountsAreChecked() throws Exception {
        String bad = ConfigFiles.VALID
                .replace("currency: EUR\n    time_zone", "currency: EURO\n    time_zone")
                .replace("Europe/Berlin", "Europe/Atlantis")
                .replace("country: DE", "country: Germany")
                .replace("credit: 100.50", "credit: -5")
                .replace("rate: 0.19", "rate: 19");
        assertThat(files.problems(bad)).containsExactly(
                "6: customers[0].address.country: must be an ISO 3166 two-letter country code, like DE, got 'Germany'",
                "7: customers[0].currency: must be an ISO 4217 currency code, like EUR, got 'EURO'",
                "8: customers[0].time_zone: must be a time zone, like Europe/Berlin or UTC, got 'Europe/Atlantis'",
                "10: customers[0].tax_profile.rate: must be a decimal from 0 to 1 (20% is 0.20), got '19'",
                "14: customers[0].limits.credit: must be a plain decimal >= 0, like 5000.00, got '-5'");
    }

    @Test
    void deckReferencesAreFilesThatExistOrWellFormedIds() throws Exception {
        assertThat(files.problems(with("deck: decks/acme.csv", "deck: decks/acme.xlsx"))).containsExactly(
                "16: customers[0].deck: must be a deck file ending in .csv or a deck id, got 'decks/acme.xlsx'");
        assertThat(files.problems(with("deck: decks/acme.csv", "deck: decks/acmee.csv"))).containsExactly(
                "16: customers[0].deck: no such deck file: " + dir.resolve("decks/acmee.csv"));
        assertThat(files.problems(with("deck: decks/acme.csv", "deck: acme 2026"))).containsExactly(
                "16: customers[0].deck: must be an id of letters, digits, '.', '_' and '-' (no ':', at most 64), got 'acme 2026'");
        assertThat(files.load(with("deck: decks/acme.csv", "deck: acme-2026")).customers().get(0).deck())
                .isEqualTo(new DeckRef.DeckId("acme-2026"));
    }

    @Test
    void billingCyclesAreMonthlyWeeklyOrCustomWithADay() throws Exception {
        assertThat(files.load(with("billing_cycle: monthly", "billing_cycle: {period: weekly, day: friday}"))
                .customers().get(0).billingCycle()).isEqualTo(new BillingCycle.Weekly(DayOfWeek.FRIDAY));
        assertThat(files.load(with("billing_cycle: monthly",
                "billing_cycle: {period: custom, day: 2026-01-05, length_days: 14}"))
                .customers().get(0).billingCycle()).isEqualTo(new BillingCycle.Custom(LocalDate.of(2026, 1, 5), 14));

        assertThat(files.problems(with("billing_cycle: monthly", "billing_cycle: yearly"))).containsExactly(
                "9: customers[0].billing_cycle: must be one of monthly, weekly, custom, got 'yearly'");
        assertThat(files.problems(with("billing_cycle: monthly", "billing_cycle: {period: monthly, day: 31}")))
                .containsExactly("9: customers[0].billing_cycle.day: must be a whole number from 1 to 28, got '31'");
        assertThat(files.problems(with("billing_cycle: monthly", "billing_cycle: {period: custom, length_days: 7}")))
                .containsExactly("9: customers[0].billing_cycle.day: required");
    }

    @Test
    void taxProfilesNeedWhatTheirKindNeeds() throws Exception {
        assertThat(files.problems(with("tax_profile: {kind: standard, rate: 0.19}", "tax_profile: {kind: reverse_charge}")))
                .containsExactly("10: customers[0].tax_profile.tax_id: required");
        assertThat(files.problems(with("tax_profile: {kind: standard, rate: 0.19}", "tax_profile: {kind: standard}")))
                .containsExactly("10: customers[0].tax_profile.rate: required");
    }

    @Test
    void shapesAreChecked() throws Exception {
        assertThat(files.problems(with("endpoints: [customer]", "endpoints: customer"))).containsExactly(
                "15: customers[0].endpoints: must be a list, got 'customer'");
        assertThat(files.problems(with("address:\n      lines: [Main Street 1, 10117 Berlin]\n      country: DE",
                "address: Main Street 1"))).containsExactly(
                "4: customers[0].address: must be a mapping of key: value, got 'Main Street 1'");
        assertThat(files.problems("- just\n- a list\n")).containsExactly(
                "1: : must be a mapping of sections: customers, vendors, services, topics, fx_rates, fraud, invoices, exports, console");
    }

    @Test
    void aKeyWrittenTwiceIsAnError() throws Exception {
        assertThat(files.problems(with("cps: 2", "cps: 2\n      cps: 3"))).containsExactly(
                "13: customers[0].limits.cps: written twice (line 14 repeats it)");
    }

    @Test
    void severalProblemsAreReportedTogetherInFileOrder() throws Exception {
        String bad = ConfigFiles.VALID
                .replace("cps: 2", "cps: ten")
                .replace("capacity: 30", "capacity: lots")
                .replace("currency: EUR\n    time_zone", "currency: eur\n    time_zone")
                .replace("deck: decks/vendor-a.csv", "");

        assertThat(files.problems(bad, Map.of("TOLLGATE_ARI_URL", "ftp://x"))).containsExactly(
                "7: customers[0].currency: must be an ISO 4217 currency code, like EUR, got 'eur'",
                "13: customers[0].limits.cps: must be a whole number >= 1, got 'ten'",
                "18: vendors[0].deck: required",
                "23: vendors[0].trunks[0].capacity: must be a whole number >= 1, got 'lots'",
                "env: TOLLGATE_ARI_URL: must be an http or https URL, like http://127.0.0.1:8081, got 'ftp://x'");
    }

    @Test
    void fileLevelProblemsAreBadInputToo() throws Exception {
        assertThatThrownBy(() -> TollgateConfig.load(dir.resolve("missing.yaml"), Map.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("missing.yaml: no such file");
        assertThat(files.problems("customers: [\n")).singleElement().asString().contains(": : is not valid YAML");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'x', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TollgateConfig.load(latin1, Map.of())).hasMessageContaining("is not UTF-8");
    }

    @Test
    void anEmptyFileIsTheLocalStacksDefaults() throws Exception {
        TollgateConfig config = files.load("");

        assertThat(config.customers()).isEmpty();
        assertThat(config.services().clickhouse().url()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123");
    }
}
