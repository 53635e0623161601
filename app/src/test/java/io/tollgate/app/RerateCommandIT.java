package io.tollgate.app;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.money.FxRates;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.CdrRater;
import io.tollgate.core.rating.CdrRater.PricedDeck;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.rating.Rerating;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.clickhouse.StoredVersion;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate rerate} against the local stack's ClickHouse, on a database of its own: rated CDRs as the stream
 * writes them (rated by {@link CdrRater} with the old decks), re-rated with new deck files; every figure is held
 * against an independent rating of the same calls with {@link CdrRater} and the new deck.
 */
class RerateCommandIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final FxRates FX = FxRates.of(List.of(new FxRates.FxRate(EUR, USD, new BigDecimal("1.1"),
            Instant.EPOCH)));
    private static final PricedDeck ACME_V1 = deckOf("customer-acme", EUR, "49,0.02,60/60", "4915,0.04,60/60",
            "33,0.05,60/60");
    private static final PricedDeck GLOBEX_V1 = deckOf("customer-globex", USD, "49,0.03,60/60", "33,0.06,60/60");
    private static final PricedDeck VENDOR_B_V1 = deckOf("vendor-vendor-b", EUR, "49,0.01,60/60", "4915,0.025,60/60",
            "33,0.03,60/60");
    private static final PricedDeck VENDOR_C_V1 = deckOf("vendor-vendor-c", EUR, "49,0.012,60/60");
    private static final String ACME_NEW = "prefix,rate,increments\n49,0.025,60/60\n4915,0.05,30/6\n";
    private static final String ACME_NEWER = "prefix,rate,increments\n49,0.03,1/1\n4915,0.045,1/1\n33,0.04,1/1\n";
    private static final String VENDOR_B_NEW = "prefix,rate,increments\n49,0.008,60/60\n4915,0.02,1/1\n";
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+");
    private static final String[] NUMBERS = {"4930123456", "4915112345678", "33123456789"};
    private static final String[] DURATIONS = {"0", "5.5", "61.2", "125"};

    @TempDir
    Path dir;

    private String url;
    private String database;
    private Path config;
    /** Every stored call, by call id, as the stream rated it. */
    private final Map<String, RatedCdr> stored = new java.util.TreeMap<>();

    @BeforeEach
    void storedRatings() throws Exception {
        url = LocalStack.clickhouseUrl();
        database = ScratchStack.migratedDatabase(url, "it_rerate_");
        config = Files.writeString(dir.resolve("tollgate.yaml"), """
                customers:
                %s%s
                vendors:
                %s%s
                services:
                  clickhouse: {url: "%s", database: %s}
                """.formatted(customer("acme", EUR), customer("globex", USD), vendor("vendor-b"), vendor("vendor-c"),
                url, database));
        List<RatedCdr> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(rate(call("acme-" + i, "acme", MARCH.plusSeconds(3600L * i), NUMBERS[i % 3],
                    DURATIONS[i % 4], i % 2 == 0 ? "vendor-b" : "vendor-c")));
        }
        for (int i = 0; i < 6; i++) {
            calls.add(rate(call("globex-" + i, "globex", MARCH.plusSeconds(7200L * i), NUMBERS[i % 3 == 1 ? 0 : i % 3],
                    DURATIONS[(i + 1) % 4], "vendor-b")));
        }
        calls.add(rate(call("acme-feb", "acme", MARCH.minusSeconds(60), NUMBERS[0], "61.2", "vendor-b")));
        calls.add(rate(call("acme-apr", "acme", APRIL, NUMBERS[1], "61.2", "vendor-b")));
        calls.forEach(c -> stored.put(c.callId(), c));
        new RatedCdrTable(new ClickHouseDatabase(url, database, ScratchStack.credentials()))
                .insert(calls, RatedCdrTable.STREAM_VERSION, "stream");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    @Test
    void aDryRunFillsTheShadowOnlyAndACommitSupersedesKeepingHistory() throws Exception {
        List<String> before = ratings();
        Path acmeNew = Files.writeString(dir.resolve("acme-2026.csv"), ACME_NEW);
        Map<String, RatedCdr> expected = expected(c -> c.cdr().customer().equals("acme") && inMarch(c),
                c -> rerated(c, deck("acme-2026", EUR, ACME_NEW), null));

        CommandRun dry = rerate(acmeNew, "--customer", "acme");

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.err()).contains("dry run: rated_cdrs is unchanged");
        String dryRun = runId(dry);
        assertThat(ratings()).isEqualTo(before);
        assertThat(query("SELECT count(), sum(customer_amount), sum(vendor_amount),"
                + " uniqExact(rated_by) FROM rated_cdrs_shadow WHERE rerate_id = '" + dryRun + "'"))
                .containsExactly(List.of("" + expected.size(), num(sum(expected, RerateCommandIT::revenue)),
                        num(sum(expected, RerateCommandIT::cost)), "1"));
        String acmeLine = diffLine("acme", expected, RerateCommandIT::revenue, EUR, EUR);
        assertThat(dry.lines()).containsExactly(String.join(",", RerateCommand.COLUMNS), acmeLine,
                acmeLine.replaceFirst("^acme,", "total,"));
        // the new deck has no rate for 33: 8 calls to France cannot be priced now, 4 of them not before either
        assertThat(dry.lines()[1]).startsWith("acme,24,").contains(",4,8,EUR,");

        CommandRun commit = rerate(acmeNew, "--customer", "acme", "--commit");

        assertThat(commit.exitCode()).as(commit.err()).isZero();
        assertThat(commit.lines()).isEqualTo(dry.lines());
        String first = runId(commit);
        assertThat(commit.err()).contains("committed: 24 calls now rated at rating_version")
                .contains("with deck acme-2026 version 1 in");
        assertThat(query("SELECT call_id, customer_amount, vendor_amount, margin,"
                + " rating_reason, customer_deck_id, customer_deck_version, rated_by FROM rated_cdrs FINAL"
                + " WHERE rated_by != 'stream' ORDER BY call_id")).isEqualTo(expected.values().stream()
                .map(c -> List.of(c.callId(), num(revenue(c)), num(cost(c)), num(margin(c)),
                        Objects.requireNonNullElse(c.unratedReason(), ""), c.customerLeg() == null ? "" : "acme-2026",
                        c.customerLeg() == null ? "0" : "1", "rerate:" + first)).toList());
        assertUntouched(before, expected.keySet());
        assertThat(query("SELECT count(), uniqExact(call_id), min(superseded_version), max(superseded_version),"
                + " any(old_customer_deck_id), any(old_customer_deck_version), sum(old_customer_amount),"
                + " sum(customer_amount), any(party_kind), any(party_id), any(committed_by)"
                + " FROM rating_history WHERE rerate_id = '" + first + "'"))
                .containsExactly(List.of("24", "24", "0", "0", "customer-acme", "1",
                        num(sum(expected, c -> revenue(stored.get(c.callId())))),
                        num(sum(expected, RerateCommandIT::revenue)), "customer", "acme", "it-trader"));

        Path acmeNewer = Files.writeString(dir.resolve("acme-2026b.csv"), ACME_NEWER);
        Map<String, RatedCdr> newer = expected(c -> c.cdr().customer().equals("acme") && inMarch(c),
                c -> rerated(expected.get(c.callId()), deck("acme-2026b", EUR, ACME_NEWER), null));

        CommandRun second = rerate(acmeNewer, "--customer", "acme", "--commit");

        assertThat(second.exitCode()).as(second.err()).isZero();
        String secondRun = runId(second);
        long firstVersion = Long.parseLong(query("SELECT max(rating_version) FROM rating_history WHERE rerate_id = '"
                + first + "'").get(0).get(0));
        assertThat(query("SELECT sum(customer_amount), sum(margin), min(rating_version) > "
                + firstVersion + ", uniqExact(rated_by) FROM rated_cdrs FINAL WHERE rated_by = 'rerate:" + secondRun
                + "'")).containsExactly(List.of(num(sum(newer, RerateCommandIT::revenue)),
                num(sum(newer, RerateCommandIT::margin)), "1", "1"));
        // the second run's old amounts are the first run's new ones
        assertThat(query("SELECT count(), min(superseded_version), max(superseded_version),"
                + " sum(old_customer_amount), any(old_customer_deck_id) FROM rating_history"
                + " WHERE rerate_id = '" + secondRun + "'")).containsExactly(List.of("24", "" + firstVersion,
                "" + firstVersion, num(sum(expected, RerateCommandIT::revenue)), "acme-2026"));
        assertThat(query("SELECT count() FROM rating_history")).containsExactly(List.of("48"));
        assertThat(query("SELECT call_id, rating_reason FROM rated_cdrs FINAL WHERE rating_reason != ''"
                + " ORDER BY call_id")).isEqualTo(newer.values().stream().filter(c -> !c.rated())
                .map(c -> List.of(c.callId(), c.unratedReason())).toList());
        assertUntouched(before, expected.keySet());
        assertThat(query("SELECT rerate_id, deck_id, deck_version, calls, changed, committed_at IS NOT NULL"
                + " FROM rerate_runs FINAL ORDER BY started_at")).containsExactly(
                List.of(dryRun, "acme-2026", "1", "24", changed(stored, expected), "0"),
                List.of(first, "acme-2026", "1", "24", changed(stored, expected), "1"),
                List.of(secondRun, "acme-2026b", "1", "24", changed(expected, newer), "1"));
    }

    @Test
    void aVendorsNewDeckReratesTheCostOfEveryCustomersCallsItCarried() throws Exception {
        List<String> before = ratings();
        Path vendorNew = Files.writeString(dir.resolve("vendor-b-2026.csv"), VENDOR_B_NEW);
        Map<String, RatedCdr> expected = expected(c -> "vendor-b".equals(c.vendor()) && inMarch(c),
                c -> rerated(c, null, deck("vendor-b-2026", EUR, VENDOR_B_NEW)));

        CommandRun run = rerate(vendorNew, "--vendor", "vendor-b", "--commit");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, RatedCdr> acme = expected(c -> expected.containsKey(c.callId())
                && c.cdr().customer().equals("acme"), c -> expected.get(c.callId()));
        Map<String, RatedCdr> globex = expected(c -> expected.containsKey(c.callId())
                && c.cdr().customer().equals("globex"), c -> expected.get(c.callId()));
        String[] lines = run.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).isEqualTo(diffLine("acme", acme, RerateCommandIT::cost, EUR, EUR));
        assertThat(lines[2]).isEqualTo(diffLine("globex", globex, RerateCommandIT::cost, EUR, USD));
        // margins in EUR and USD do not add up: the total has none
        assertThat(lines[3]).startsWith("total,18,").endsWith(",EUR," + plain(sum(expected, c -> cost(stored.get(
                c.callId())))) + "," + plain(sum(expected, RerateCommandIT::cost)) + ","
                + plain(sum(expected, RerateCommandIT::cost).subtract(sum(expected, c -> cost(stored.get(c.callId())))))
                + ",,,,");
        assertThat(query("SELECT call_id, customer_amount, vendor_amount, margin,"
                + " rating_reason, vendor_deck_id FROM rated_cdrs FINAL WHERE rated_by != 'stream' ORDER BY call_id"))
                .isEqualTo(expected.values().stream().map(c -> List.of(c.callId(), num(revenue(c)), num(cost(c)),
                        num(margin(c)), Objects.requireNonNullElse(c.unratedReason(), ""),
                        c.vendorLeg() == null ? "" : "vendor-b-2026")).toList());
        assertUntouched(before, expected.keySet());
    }

    @Test
    void aDeckFileStoredInTheDeckStoreNamesItsStoredVersion() throws Exception {
        Path file = Files.writeString(dir.resolve("acme-2026.csv"), ACME_NEW);
        DeckStore store = new DeckStore(url, database, ScratchStack.credentials());
        DeckOwner acme = DeckOwner.parse("customer:acme");
        StoredVersion version = new StoredVersion(acme, store.nextVersion(acme), file.toString(),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))),
                2, 0, "it-trader", Instant.now(), Instant.now(), null);
        store.store(version, deck("x", EUR, ACME_NEW).deck().rows(), Rounding.DEFAULT, rows -> { });

        CommandRun run = rerate(file, "--customer", "acme");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("with deck customer-acme version " + version.version() + " in");
        assertThat(query("SELECT DISTINCT customer_deck_id, customer_deck_version FROM rated_cdrs_shadow"
                + " WHERE customer_deck_id != ''")).containsExactly(List.of("customer-acme", "" + version.version()));
    }

    private CommandRun rerate(Path deck, String... party) {
        List<String> args = new ArrayList<>(List.of("rerate", "--config", config.toString(), "--from",
                MARCH.toString(), "--to", APRIL.toString(), "--deck", deck.toString(), "--by", "it-trader"));
        args.addAll(List.of(party));
        return CommandRun.of(args.toArray(new String[0]));
    }

    /** The stored calls that {@code inScope}, mapped; by call id. */
    private Map<String, RatedCdr> expected(java.util.function.Predicate<RatedCdr> inScope,
            Function<RatedCdr, RatedCdr> rating) {
        Map<String, RatedCdr> result = new java.util.TreeMap<>();
        stored.values().stream().filter(inScope).forEach(c -> result.put(c.callId(), rating.apply(c)));
        return result;
    }

    /**
     * The call rated from scratch with the new customer deck, or the new vendor deck, and the old ones beside; but
     * re-rating keeps the stored cost where rating from scratch stops at a revenue it cannot price, and cannot know a
     * cost the stored rating never priced.
     */
    private static RatedCdr rerated(RatedCdr was, PricedDeck customer, PricedDeck vendor) {
        RatedCdr fresh = rate(was.cdr(), customer, vendor);
        if (customer != null && fresh.customerLeg() == null) {
            return RatedCdr.unrated(fresh.cdr(), fresh.vendor(), null, was.vendorLeg(), fresh.currency(),
                    fresh.unratedReason());
        }
        if (customer != null && was.customerLeg() == null && was.vendorLeg() == null) {
            return RatedCdr.unrated(fresh.cdr(), fresh.vendor(), fresh.customerLeg(), null, fresh.currency(),
                    Rerating.COST_NOT_PRICED);
        }
        return fresh;
    }

    private static RatedCdr rate(Cdr cdr) {
        return rate(cdr, null, null);
    }

    private static RatedCdr rate(Cdr cdr, PricedDeck newCustomerDeck, PricedDeck newVendorDeck) {
        return CdrRater.rate(cdr, new CdrRater.DeckBook() {
            @Override
            public PricedDeck customerDeck(String customer, Instant at) {
                return newCustomerDeck != null ? newCustomerDeck : customer.equals("acme") ? ACME_V1 : GLOBEX_V1;
            }

            @Override
            public PricedDeck vendorDeck(String vendor, Instant at) {
                return newVendorDeck != null ? newVendorDeck : vendor.equals("vendor-b") ? VENDOR_B_V1 : VENDOR_C_V1;
            }
        }, FX);
    }

    /** The CSV line of one customer: figures summed from the stored and the expected ratings. */
    private String diffLine(String customer, Map<String, RatedCdr> expected, Function<RatedCdr, BigDecimal> amount,
            Currency currency, Currency marginCurrency) {
        List<RatedCdr> was = expected.keySet().stream().map(stored::get).toList();
        BigDecimal oldAmount = was.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal newAmount = sum(expected, amount);
        BigDecimal oldMargin = was.stream().map(RerateCommandIT::margin).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal newMargin = sum(expected, RerateCommandIT::margin);
        return String.join(",", customer, "" + expected.size(), changed(toMap(was), expected),
                "" + was.stream().filter(c -> !c.rated()).count(),
                "" + expected.values().stream().filter(c -> !c.rated()).count(), currency.getCurrencyCode(),
                plain(oldAmount), plain(newAmount), plain(newAmount.subtract(oldAmount)),
                marginCurrency.getCurrencyCode(), plain(oldMargin), plain(newMargin),
                plain(newMargin.subtract(oldMargin)));
    }

    private static Map<String, RatedCdr> toMap(List<RatedCdr> calls) {
        Map<String, RatedCdr> map = new java.util.TreeMap<>();
        calls.forEach(c -> map.put(c.callId(), c));
        return map;
    }

    /** Calls whose either leg's amount, margin or unrated reason differs. */
    private static String changed(Map<String, RatedCdr> was, Map<String, RatedCdr> now) {
        return "" + now.keySet().stream().filter(id -> revenue(was.get(id)).compareTo(revenue(now.get(id))) != 0
                || cost(was.get(id)).compareTo(cost(now.get(id))) != 0
                || margin(was.get(id)).compareTo(margin(now.get(id))) != 0
                || !Objects.equals(was.get(id).unratedReason(), now.get(id).unratedReason())).count();
    }

    private void assertUntouched(List<String> before, java.util.Set<String> rerated) throws Exception {
        assertThat(ratings().stream().filter(r -> !rerated.contains(r.split(",")[0])).toList())
                .isEqualTo(before.stream().filter(r -> !rerated.contains(r.split(",")[0])).toList())
                .hasSize(stored.size() - rerated.size());
    }

    /** rated_cdrs under FINAL, one line per call. */
    private List<String> ratings() throws Exception {
        return query("SELECT call_id, rating_version, customer_amount, vendor_amount,"
                + " margin, rating_reason, rated_by FROM rated_cdrs FINAL ORDER BY call_id").stream()
                .map(r -> String.join(",", r)).toList();
    }

    private List<List<String>> query(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url + "/" + database, ScratchStack.credentials());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    row.add(value != null && DECIMAL.matcher(value).matches()
                            ? num(new BigDecimal(value)) : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String runId(CommandRun run) {
        Matcher m = Pattern.compile("rerate ([0-9a-f-]{36}):").matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        return m.group(1);
    }

    private static boolean inMarch(RatedCdr c) {
        return !c.cdr().setup().isBefore(MARCH) && c.cdr().setup().isBefore(APRIL);
    }

    private static BigDecimal sum(Map<String, RatedCdr> calls, Function<RatedCdr, BigDecimal> amount) {
        return calls.values().stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal revenue(RatedCdr c) {
        return amount(c.customerLeg());
    }

    private static BigDecimal cost(RatedCdr c) {
        return amount(c.vendorLeg());
    }

    private static BigDecimal amount(RatedLeg leg) {
        return leg == null ? BigDecimal.ZERO : leg.amount();
    }

    private static BigDecimal margin(RatedCdr c) {
        return c.margin() == null ? BigDecimal.ZERO : c.margin();
    }

    /** As the command prints a sum of amounts: 6 decimals. */
    private static String plain(BigDecimal amount) {
        return amount.setScale(6).toPlainString();
    }

    /** As {@link #query} gives a decimal: no trailing zeros. */
    private static String num(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static Cdr call(String id, String customer, Instant setup, String number, String duration, String vendor) {
        BigDecimal seconds = new BigDecimal(duration);
        boolean answered = seconds.signum() > 0;
        Instant answer = setup.plusSeconds(4);
        return new Cdr(id, customer, "4930111", number, setup, answered ? answer : null,
                answered ? answer.plusMillis(seconds.movePointRight(3).longValue()) : setup.plusSeconds(30), seconds,
                answered ? Disposition.ANSWERED : Disposition.NO_ANSWER, answered ? 16 : 19,
                List.of(new CallAttempt(vendor, id + "-v1", answered ? 16 : 19, 700L, answered)));
    }

    private static PricedDeck deckOf(String id, Currency currency, String... rows) {
        return deck(id, currency, "prefix,rate,increments\n" + String.join("\n", rows) + "\n");
    }

    private static PricedDeck deck(String id, Currency currency, String csv) {
        try {
            Path file = Files.createTempFile("deck", ".csv");
            Files.writeString(file, csv);
            RateDeck deck = RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
            Files.delete(file);
            return new PricedDeck(id, 1, currency, deck);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String customer(String id, Currency currency) {
        return """
                  - id: %s
                    name: %s
                    address: {lines: [Somewhere], country: DE}
                    currency: %s
                    time_zone: UTC
                    billing_cycle: monthly
                    tax_profile: {kind: exempt}
                    limits: {concurrent_calls: 10, cps: 1, credit: 100}
                    endpoints: [%s]
                    deck: %s-deck
                """.formatted(id, id, currency, id, id);
    }

    private static String vendor(String id) {
        return """
                  - id: %s
                    name: %s
                    currency: EUR
                    trunks: [{endpoint: %s, capacity: 10}]
                    deck: %s-deck
                """.formatted(id, id, id, id);
    }
}
