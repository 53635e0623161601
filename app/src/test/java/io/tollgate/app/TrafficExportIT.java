package io.tollgate.app;

import io.tollgate.core.cdr.CallAttempt;
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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate export traffic} on crafted calls in a scratch ClickHouse database. The expected rows are worked
 * out by hand in the comments, attempt by attempt.
 */
class TrafficExportIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant MARCH = Instant.parse("2026-03-05T10:00:00Z");
    private static final String HEADER = "vendor,destination,prefix,attempts,answered,asr_pct,ner_pct,billed_minutes,"
            + "acd_min,pdd_ms";

    private String url;
    private String database;

    @BeforeEach
    void storedCallsAndDecks() throws Exception {
        url = LocalStack.clickhouseUrl();
        database = ScratchStack.migratedDatabase(url, "it_traffic_");
        ClickHouseDatabase db = new ClickHouseDatabase(url, database, ScratchStack.credentials());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // vendor-a's deck is imported: 44 and 447 in force in March (447 renamed by version 2), 49 expired in
            // January; vendor-b's and vendor-c's decks are files, unknown to rate_deck_rows
            s.execute("INSERT INTO rate_deck_rows (deck_id, owner_kind, owner_id, deck_version, currency, prefix,"
                    + " destination, rate, connect_fee, initial_increment_s, subsequent_increment_s, min_duration_s,"
                    + " effective_from, effective_to, source_file, source_line) VALUES"
                    + " ('vendor-a', 'vendor', 'vendor-a', 1, 'EUR', '44', 'United Kingdom', 0.01, 0, 6, 6, 0,"
                    + " '1970-01-01 00:00:00', NULL, 'a.csv', 2),"
                    + " ('vendor-a', 'vendor', 'vendor-a', 1, 'EUR', '447', 'United Kingdom Mobile', 0.02, 0, 6, 6, 0,"
                    + " '1970-01-01 00:00:00', NULL, 'a.csv', 3),"
                    + " ('vendor-a', 'vendor', 'vendor-a', 1, 'EUR', '49', 'Germany', 0.01, 0, 6, 6, 0,"
                    + " '1970-01-01 00:00:00', '2026-01-01 00:00:00', 'a.csv', 4),"
                    + " ('vendor-a', 'vendor', 'vendor-a', 2, 'EUR', '447', 'UK Mobile', 0.02, 0, 6, 6, 0,"
                    + " '2026-02-01 00:00:00', NULL, 'a2.csv', 2),"
                    // a customer deck's row is not a vendor's destination
                    + " ('customer-acme', 'customer', 'acme', 1, 'EUR', '4930', 'Berlin', 0.05, 0, 60, 60, 0,"
                    + " '1970-01-01 00:00:00', NULL, 'c.csv', 2)");
        }
        List<RatedCdr> calls = new ArrayList<>();
        // c1: vendor-a fails (34, no ringing), vendor-b carries it 90 s, billed 90 s, PDD 1500
        calls.add(answered("c1", "acme", "447911000001", 90, 90, "vendor-b",
                attempt("vendor-a", 34, null, false), attempt("vendor-b", 16, 1500L, true)));
        // c2: vendor-a carries it 125 s, billed 126 s (6/6), PDD 2000
        calls.add(answered("c2", "acme", "447911000002", 125, 126, "vendor-a", attempt("vendor-a", 16, 2000L, true)));
        // c3: vendor-a, the called user is busy (17: effective), PDD 3000; a landline: prefix 44
        calls.add(failed("c3", "globex", "441234567", "vendor-a", attempt("vendor-a", 17, 3000L, false)));
        // c4: vendor-a carries it 60 s, billed 60 s, PDD 1000; its deck's 49 expired: country +49
        calls.add(answered("c4", "acme", "4930111222", 60, 60, "vendor-a", attempt("vendor-a", 16, 1000L, true)));
        // c5: vendor-b carries it 30 s, billed 30 s, PDD 500
        calls.add(answered("c5", "acme", "447911000005", 30, 30, "vendor-b", attempt("vendor-b", 16, 500L, true)));
        // c6: set up in April: outside the period
        calls.add(answered("c6", "acme", "447911000006", 60, 60, "vendor-a", Instant.parse("2026-04-01T00:00:00Z"),
                attempt("vendor-a", 16, 100L, true)));
        // c7: stored before attempts were recorded: one attempt on vendor-c, 45 s, billed 60 s, no PDD known
        calls.add(answered("c7", "acme", "33123456789", 45, 60, "vendor-c"));
        // c8: vendor-b carries it 20 s but its deck could not price it: billed nothing, still an answered attempt
        Cdr c8 = cdr("c8", "acme", "447911000008", 20, MARCH, List.of(attempt("vendor-b", 16, 700L, true)));
        calls.add(RatedCdr.unrated(c8, "vendor-b", leg("customer-acme", "447", 20), null, EUR, "vendor:no_rate"));
        // c9: vendor-b fails (34), PDD unknown
        calls.add(failed("c9", "globex", "447911000009", "vendor-b", attempt("vendor-b", 34, null, false)));
        new RatedCdrTable(db).insert(calls, RatedCdrTable.STREAM_VERSION, "stream");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    private CommandRun traffic(String... options) {
        List<String> args = new ArrayList<>(List.of("export", "traffic", "--url", url, "--database", database,
                "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"));
        args.addAll(List.of(options));
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void attemptsByVendorAndDestinationWithTheirRatios() {
        CommandRun run = traffic();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(HEADER,
                // c4: 1 attempt answered; 60 s billed = 1.00 min; ACD 60 s = 1.00 min; PDD 1000
                "vendor-a,\"country +49\",49,1,1,100.00,100.00,1.00,1.00,1000",
                // c1 (failed, 34) and c2 (answered): ASR = NER = 1/2; billed 126 s = 2.10 min; ACD 125 s = 2.08 min;
                // PDD only c2 reported one: 2000; named by version 2
                "vendor-a,\"UK Mobile\",447,2,1,50.00,50.00,2.10,2.08,2000",
                // c3: busy, effective but not answered; no ACD
                "vendor-a,\"United Kingdom\",44,1,0,0.00,100.00,0.00,,3000",
                // c1, c5, c8 answered, c9 failed: ASR = NER = 3/4; billed 90 + 30 + 0 = 120 s = 2.00 min;
                // ACD (90 + 30 + 20) s / 3 = 46.67 s = 0.78 min; PDD (1500 + 500 + 700) / 3 = 900
                "vendor-b,\"country +44\",44,4,3,75.00,75.00,2.00,0.78,900",
                // c7: 45 s = 0.75 min, billed 60 s; no PDD
                "vendor-c,\"country +33\",33,1,1,100.00,100.00,1.00,0.75,");
    }

    @Test
    void theVendorFilterKeepsTheAttemptsOfferedToItAndTheCustomerFilterTheCustomersCalls() {
        // c1 was carried by vendor-b, yet its failed attempt on vendor-a is vendor-a's traffic
        assertThat(traffic("--vendor", "vendor-a", "--customer", "acme").lines()).containsExactly(HEADER,
                "vendor-a,\"country +49\",49,1,1,100.00,100.00,1.00,1.00,1000",
                "vendor-a,\"UK Mobile\",447,2,1,50.00,50.00,2.10,2.08,2000");
        assertThat(traffic("--customer", "globex").lines()).containsExactly(HEADER,
                "vendor-a,\"United Kingdom\",44,1,0,0.00,100.00,0.00,,3000",
                "vendor-b,\"country +44\",44,1,0,0.00,0.00,0.00,,");
    }

    @Test
    void xlsxHoldsTheCountsAndRatiosAsNumbers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("traffic.xlsx");
        CommandRun run = traffic("--vendor", "vendor-b", "--format", "xlsx", "--out", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file);
             org.dhatim.fastexcel.reader.ReadableWorkbook book = new org.dhatim.fastexcel.reader.ReadableWorkbook(in)) {
            List<org.dhatim.fastexcel.reader.Row> rows = book.getFirstSheet().read();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).getCell(2).asString()).isEqualTo("44");
            assertThat(rows.get(1).getCell(3).asNumber()).isEqualByComparingTo("4");
            assertThat(rows.get(1).getCell(5).asNumber()).isEqualByComparingTo("75.00");
            assertThat(rows.get(1).getCell(8).asNumber()).isEqualByComparingTo("0.78");
        }
    }

    @Test
    void helpDefinesTheRatios() {
        CommandRun help = CommandRun.of("export", "traffic", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("asr_pct (answer-seizure ratio)").contains("ner_pct").contains("acd_min")
                .contains("pdd_ms").contains("country +44");
    }

    private static CallAttempt attempt(String vendor, int cause, Long pddMs, boolean answered) {
        return new CallAttempt(vendor, vendor + "-leg", cause, pddMs, answered);
    }

    private static Cdr cdr(String id, String customer, String number, long seconds, Instant setup,
                           List<CallAttempt> attempts) {
        Instant answer = setup.plusSeconds(4);
        return new Cdr(id, customer, "4930111", number, setup, answer, answer.plusSeconds(seconds),
                BigDecimal.valueOf(seconds), Disposition.ANSWERED, 16, attempts);
    }

    private static RatedLeg leg(String deck, String prefix, long billedS) {
        return new RatedLeg(deck, 1, EUR, prefix, new BigDecimal("0.01"), billedS, new BigDecimal("0.010000"));
    }

    private static RatedCdr answered(String id, String customer, String number, long seconds, long vendorBilledS,
                                     String vendor, CallAttempt... attempts) {
        return answered(id, customer, number, seconds, vendorBilledS, vendor, MARCH, attempts);
    }

    private static RatedCdr answered(String id, String customer, String number, long seconds, long vendorBilledS,
                                     String vendor, Instant setup, CallAttempt... attempts) {
        Cdr cdr = cdr(id, customer, number, seconds, setup, List.of(attempts));
        return RatedCdr.rated(cdr, vendor, leg("customer-" + customer, number.substring(0, 2), seconds),
                leg(vendor, number.substring(0, 2), vendorBilledS), BigDecimal.ONE);
    }

    private static RatedCdr failed(String id, String customer, String number, String vendor, CallAttempt attempt) {
        Cdr cdr = new Cdr(id, customer, "4930111", number, MARCH, null, MARCH.plusSeconds(20), BigDecimal.ZERO,
                attempt.cause() == 17 ? Disposition.BUSY : Disposition.FAILED, attempt.cause(), List.of(attempt));
        RatedLeg none = new RatedLeg("customer-" + customer, 1, EUR, "44", new BigDecimal("0.01"), 0,
                new BigDecimal("0.000000"));
        return RatedCdr.rated(cdr, vendor, none, new RatedLeg(vendor, 1, EUR, "44", new BigDecimal("0.01"), 0,
                new BigDecimal("0.000000")), BigDecimal.ONE);
    }
}
