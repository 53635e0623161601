package io.tollgate.app;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tollgate export margin} on rated CDRs stored in a scratch ClickHouse database. */
class ExportCommandIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T10:00:00Z");

    private String url;
    private String database;

    @BeforeEach
    void storedCalls() throws Exception {
        url = LocalStack.clickhouseUrl();
        database = ScratchStack.migratedDatabase(url, "it_export_");
        new RatedCdrTable(new ClickHouseDatabase(url, database, ScratchStack.credentials())).insert(List.of(
                call("a1", "acme", DAY1, "vendor-b", "447", EUR, "1.200000", "0.800000", "1"),
                call("a2", "acme", DAY1.plusSeconds(60), "vendor-c", "447", EUR, "0.600000", "0.700000", "1"),
                call("a3", "acme", DAY2, "vendor-b", "49", EUR, "0.300000", "0.100000", "1"),
                // globex pays USD; the vendor bills EUR at 1.08 USD per EUR: cost 0.540000, margin 0.460000
                call("g1", "globex", DAY1, "vendor-b", "447", USD, "1.000000", "0.500000", "1.08"),
                unrated("u1", "acme", DAY1.plusSeconds(120)),
                // a call id from outside that a spreadsheet would run as a formula; flagged, so it is exported
                flagged("=HYPERLINK(\"http://x\")", "acme", DAY2.plusSeconds(60)),
                call("late", "acme", Instant.parse("2026-04-01T00:00:00Z"), "vendor-b", "447", EUR, "9.000000",
                        "1.000000", "1")), RatedCdrTable.STREAM_VERSION, "stream");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    private CommandRun export(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("export", "margin", "--url", url, "--database", database,
                "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"));
        args.addAll(List.of(options));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void marginByCustomerInEachCustomersCurrencyLeavesOutUnratedAndLaterCalls() {
        CommandRun run = export();

        assertThat(run.exitCode()).as(run.err()).isZero();
        // acme: 1.2 + 0.6 + 0.3 + 0.3 revenue, 0.8 + 0.7 + 0.1 + 0.1 cost; 4 calls of 90 billed seconds each
        assertThat(run.lines()).containsExactly(
                "customer,currency,calls,answered,billed_minutes,revenue,cost,margin,margin_pct",
                "acme,EUR,4,4,6.00,2.400000,1.700000,0.700000,29.17",
                "globex,USD,1,1,1.50,1.000000,0.540000,0.460000,46.00");
    }

    @Test
    void groupsByVendorDestinationOrDayAndFilters() {
        assertThat(export("--by", "vendor", "--customer", "acme").lines()).containsExactly(
                "vendor,currency,calls,answered,billed_minutes,revenue,cost,margin,margin_pct",
                "vendor-b,EUR,3,3,4.50,1.800000,1.000000,0.800000,44.44",
                "vendor-c,EUR,1,1,1.50,0.600000,0.700000,-0.100000,-16.67");
        assertThat(export("--by", "destination", "--vendor", "vendor-b").lines()).containsExactly(
                "destination,currency,calls,answered,billed_minutes,revenue,cost,margin,margin_pct",
                "447,EUR,2,2,3.00,1.500000,0.900000,0.600000,40.00",
                "447,USD,1,1,1.50,1.000000,0.540000,0.460000,46.00",
                "49,EUR,1,1,1.50,0.300000,0.100000,0.200000,66.67");
        assertThat(export("--by", "day", "--customer", "acme").lines()).containsExactly(
                "day,currency,calls,answered,billed_minutes,revenue,cost,margin,margin_pct",
                "2026-03-01,EUR,2,2,3.00,1.800000,1.500000,0.300000,16.67",
                "2026-03-02,EUR,2,2,3.00,0.600000,0.200000,0.400000,66.67");
    }

    @Test
    void badInputIsNamed() {
        CommandRun by = export("--by", "country");
        CommandRun period = CommandRun.of("export", "margin", "--url", url, "--database", database, "--from",
                "2026-03-02T00:00:00Z", "--to", "2026-03-01T00:00:00Z");

        assertThat(by.exitCode()).isEqualTo(2);
        assertThat(by.err()).contains("--by").contains("'country'");
        assertThat(period.exitCode()).isEqualTo(2);
        assertThat(period.err()).contains("must end after it starts");
    }

    @Test
    void unratedAndFlaggedCallsOneRowEachTheFormulaDefused() {
        CommandRun unrated = CommandRun.of("export", "unrated", "--url", url, "--database", database, "--from",
                "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z");

        assertThat(unrated.exitCode()).as(unrated.err()).isZero();
        assertThat(unrated.lines()).containsExactly(
                "call_id,customer,vendor,setup_time,b_number,duration_s,disposition,reason,flags",
                "u1,acme,vendor-b,2026-03-01T10:02:00Z,99912345,30.000,ANSWERED,customer:no_rate,",
                "\"'=HYPERLINK(\"\"http://x\"\")\",acme,vendor-b,2026-03-02T10:01:00Z,4471234567,90.000,ANSWERED,,"
                        + "TIMED_OUT");
    }

    @Test
    void xlsxHoldsNumbersAsNumbersAndTextAsText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("margin.xlsx");
        CommandRun run = export("--by", "vendor", "--customer", "acme", "--format", "xlsx", "--out", file.toString());
        CommandRun noFile = export("--format", "xlsx");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("--out");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file);
             org.dhatim.fastexcel.reader.ReadableWorkbook book = new org.dhatim.fastexcel.reader.ReadableWorkbook(in)) {
            List<org.dhatim.fastexcel.reader.Row> rows = book.getFirstSheet().read();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).getCell(0).asString()).isEqualTo("vendor");
            assertThat(rows.get(1).getCell(0).asString()).isEqualTo("vendor-b");
            assertThat(rows.get(1).getCell(2).getType()).isEqualTo(org.dhatim.fastexcel.reader.CellType.NUMBER);
            assertThat(rows.get(1).getCell(7).asNumber()).isEqualByComparingTo("0.800000");
            assertThat(rows.get(2).getCell(8).asNumber()).isEqualByComparingTo("-16.67");
        }
    }

    /** An answered call of 90 s (billed 90 s on both legs) priced at the given amounts. */
    private static RatedCdr call(String id, String customer, Instant setup, String vendor, String prefix,
                                 Currency currency, String revenue, String cost, String fx) {
        Instant answer = setup.plusSeconds(5);
        Cdr cdr = new Cdr(id, customer, "4930111", prefix + "1234567", setup, answer, answer.plusSeconds(90),
                new BigDecimal("90"), Disposition.ANSWERED, 16, List.of());
        RatedLeg customerLeg = new RatedLeg(customer, 1, currency, prefix, new BigDecimal("0.1"), 90,
                new BigDecimal(revenue));
        RatedLeg vendorLeg = new RatedLeg(vendor, 1, EUR, prefix, new BigDecimal("0.05"), 90, new BigDecimal(cost));
        return RatedCdr.rated(cdr, vendor, customerLeg, vendorLeg, new BigDecimal(fx));
    }

    private static RatedCdr flagged(String id, String customer, Instant setup) {
        RatedCdr rated = call(id, customer, setup, "vendor-b", "447", EUR, "0.300000", "0.100000", "1");
        Cdr c = rated.cdr();
        Cdr timedOut = new Cdr(c.callId(), c.customer(), c.aNumber(), c.bNumber(), c.setup(), c.answer(), c.end(),
                c.durationS(), c.disposition(), c.cause(), c.attempts(),
                java.util.Set.of(io.tollgate.core.cdr.CdrFlag.TIMED_OUT));
        return RatedCdr.rated(timedOut, rated.vendor(), rated.customerLeg(), rated.vendorLeg(), rated.fxRate());
    }

    private static RatedCdr unrated(String id, String customer, Instant setup) {
        Instant answer = setup.plusSeconds(5);
        Cdr cdr = new Cdr(id, customer, "4930111", "99912345", setup, answer, answer.plusSeconds(30),
                new BigDecimal("30"), Disposition.ANSWERED, 16, List.of());
        return RatedCdr.unrated(cdr, "vendor-b", null, null, EUR, "customer:no_rate");
    }
}
