package io.tollgate.app;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.testing.LocalStack;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate reconcile --vendor}: our rated calls and a carrier's imported CDRs in a scratch ClickHouse database,
 * crafted so that every class occurs, and so do the period's edges; the summary, the stored lines and the dispute
 * report (CSV and PDF).
 */
class ReconcileStoreIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final String VENDOR = "carrier-x";
    private static final String FILE_A = "carrier-x-2026-03-a.csv";
    private static final String FILE_B = "carrier-x-2026-03-b.csv";
    private static final String[] PERIOD = {"--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"};
    private static final Pattern RECON_ID = Pattern.compile("recon id: (\\S+) \\((\\d+) lines");

    @TempDir
    Path dir;

    private String url;
    private String database;

    @BeforeEach
    void ratedCallsAndTheCarriersFiles() throws Exception {
        url = LocalStack.clickhouseUrl();
        database = ScratchStack.migratedDatabase(url, "it_recon_");
        new RatedCdrTable(new ClickHouseDatabase(url, database, ScratchStack.credentials())).insert(List.of(
                answered("edge-in", "2026-02-28T23:59:59.500Z", "30", "0.010000", VENDOR),
                answered("m1", "2026-03-10T10:00:00Z", "60", "0.012000", VENDOR),
                answered("d1", "2026-03-10T10:05:00Z", "60", "0.012000", VENDOR),
                answered("k1", "2026-03-10T10:10:00Z", "120", "0.024000", VENDOR),
                answered("gone", "2026-03-10T10:15:00Z", "60", "0.012000", VENDOR),
                answered("edge-out", "2026-03-31T23:59:59Z", "30", "0.010000", VENDOR),
                answered("edge-alone", "2026-03-31T23:59:59.900Z", "30", "0.010000", VENDOR),
                // another vendor carried it: not ours to reconcile with carrier-x
                answered("other", "2026-03-10T10:30:00Z", "60", "0.012000", "carrier-y"),
                // busy: a carrier bills no unanswered call, so their CDR of it is missing_ours
                unanswered("busy", "2026-03-10T10:40:00Z")), RatedCdrTable.STREAM_VERSION, "stream");
        importFile(FILE_A, """
                ,+44 7911 000040,2026-03-10T10:40:00Z,0,0.0100,EUR
                ,+44 7911 000002,2026-03-10T10:00:01Z,60,0.0120,EUR
                ,+44 7911 000003,2026-03-10T10:05:00.5Z,75,0.0150,EUR
                ,+44 7911 000004,2026-03-10T10:10:00Z,120,0.0300,EUR
                ,+44 7911 000001,2026-03-01T00:00:00.500Z,30,0.0100,EUR
                ,+44 7911 000006,2026-04-01T00:00:00.800Z,30,0.0100,EUR
                ,+44 7911 000099,2026-02-28T23:59:58Z,30,0.0100,EUR
                ,+44 7911 000098,2026-02-15T10:00:00Z,30,0.0100,EUR
                """);
        importFile(FILE_B, """
                ,+49 151 12345678,2026-03-10T10:20:00Z,12,0.25,EUR
                """);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    @Test
    void everyClassIsFoundStoredAndDisputed() throws Exception {
        Path out = dir.resolve("disputes");
        CommandRun run = reconcile("--out-dir", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(
                "class,count,impact",
                "matched,2,0.000000",
                "duration_mismatch,1,0.003000",
                "cost_mismatch,1,0.006000",
                "missing_theirs,2,-0.022000",
                "missing_ours,2,0.260000",
                "total,8,0.247000");
        String reconId = reconId(run, 8);

        assertThat(query("SELECT class, our_call_id, their_file, their_row, impact FROM recon_results FINAL"
                + " WHERE recon_id = ? ORDER BY class, our_call_id, their_file", reconId)).containsExactly(
                "cost_mismatch|k1|" + FILE_A + "|4|0.006000",
                "duration_mismatch|d1|" + FILE_A + "|3|0.003000",
                "matched|edge-in|" + FILE_A + "|5|0.000000",
                "matched|m1|" + FILE_A + "|2|0.000000",
                // row 1 of each file: the file is part of the key, so neither replaces the other
                "missing_ours||" + FILE_A + "|1|0.010000",
                "missing_ours||" + FILE_B + "|1|0.250000",
                "missing_theirs|edge-alone||0|-0.010000",
                "missing_theirs|gone||0|-0.012000");
        assertThat(query("SELECT carrier_id, status, lines, toString(period_from), toString(period_to), file_name,"
                + " time_tolerance_s, duration_tolerance_s, cost_tolerance, currency FROM recon_runs FINAL"
                + " WHERE recon_id = ?", reconId)).containsExactly(
                "carrier-x|complete|8|2026-03-01 00:00:00.000|2026-04-01 00:00:00.000||2|1|0.001|EUR");

        assertThat(Files.readAllLines(out.resolve("dispute-carrier-x-2026-03-01.csv"))).containsExactly(
                "class,count,impact",
                "matched,2,0.000000",
                "duration_mismatch,1,0.003000",
                "cost_mismatch,1,0.006000",
                "missing_theirs,2,-0.022000",
                "missing_ours,2,0.260000",
                "total,8,0.247000",
                "",
                "class,our_call_id,their_file,their_row,b_number,our_start,their_start,our_duration_s,"
                        + "their_duration_s,our_cost,their_cost,impact",
                "duration_mismatch,d1," + FILE_A + ",3,447911000003,2026-03-10T10:05:00Z,2026-03-10T10:05:00.500Z,"
                        + "60.000,75.000,0.012000,0.015000,0.003000",
                "cost_mismatch,k1," + FILE_A + ",4,447911000004,2026-03-10T10:10:00Z,2026-03-10T10:10:00Z,"
                        + "120.000,120.000,0.024000,0.030000,0.006000",
                "missing_theirs,gone,,,447911000005,2026-03-10T10:15:00Z,,60.000,,0.012000,,-0.012000",
                "missing_theirs,edge-alone,,,447911000007,2026-03-31T23:59:59.900Z,,30.000,,0.010000,,-0.010000",
                "missing_ours,," + FILE_A + ",1,447911000040,,2026-03-10T10:40:00Z,,0.000,,0.010000,0.010000",
                "missing_ours,," + FILE_B + ",1,4915112345678,,2026-03-10T10:20:00Z,,12.000,,0.250000,0.250000");

        try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(out.resolve("dispute-carrier-x-2026-03-01.pdf")))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("carrier-x", reconId, "EUR", "2026-03-01 00:00:00.000 to 2026-04-01",
                    "0.247000", "0.260000", "-0.022000", "Total", "Disputed lines (every line not matched): 6",
                    "4915112345678", FILE_B + " : 1", "gone");
        }
        assertThat(run.err()).contains("dispute report: ");
    }

    @Test
    void oneFileOnlyLeavesOurCallsOfTheOtherFilesMissing() throws Exception {
        CommandRun run = reconcile("--file", FILE_B);

        assertThat(run.exitCode()).as(run.err()).isZero();
        // m1, d1, k1, gone, edge-out (its pair is in the other file now) and edge-alone; edge-in is February's
        assertThat(run.lines()).containsExactly(
                "class,count,impact",
                "matched,0,0",
                "duration_mismatch,0,0",
                "cost_mismatch,0,0",
                "missing_theirs,6,-0.080000",
                "missing_ours,1,0.250000",
                "total,7,0.170000");
        assertThat(query("SELECT file_name, lines FROM recon_runs FINAL WHERE recon_id = ?", reconId(run, 7)))
                .containsExactly(FILE_B + "|7");
    }

    @Test
    void widerTolerancesReadWiderAndKeepThePeriodsLines() throws Exception {
        // both sides are read an hour (theirs two) beyond the period; the edges fall the same way, and d1's 15 s
        // difference is within 20 s: its cost is what differs then
        CommandRun run = reconcile("--time-tolerance", "3600", "--duration-tolerance", "20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()[1]).isEqualTo("matched,2,0.000000");
        assertThat(run.lines()[2]).isEqualTo("duration_mismatch,0,0");
        assertThat(run.lines()[3]).isEqualTo("cost_mismatch,2,0.009000");
        assertThat(run.lines()[6]).isEqualTo("total,8,0.247000");
    }

    @Test
    void amountsInTwoCurrenciesAreRefused() throws Exception {
        Path usd = Files.writeString(dir.resolve("usd.csv"), "call_id,b_number,start,duration_s,cost,currency\n"
                + ",+44 7911 000002,2026-03-10T11:00:00Z,60,0.0120,USD\n", StandardCharsets.UTF_8);
        CommandRun imported = CommandRun.of("cdr", "import", "--vendor", VENDOR, "--file", usd.toString(),
                "--format", "generic", "--url", url, "--database", database, "--dead-letter", "table");
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        CommandRun run = reconcile();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("field 'currency'", "EUR", "USD");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aVendorWithoutCdrsIsAWarningNotAFailure() {
        CommandRun run = CommandRun.of(args("--vendor", "nobody").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()[6]).isEqualTo("total,0,0");
        assertThat(run.err()).contains("no CDRs of nobody", "no answered calls carried by vendor nobody");
    }

    private CommandRun reconcile(String... extra) {
        List<String> args = args("--vendor", VENDOR);
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private List<String> args(String... vendor) {
        List<String> args = new ArrayList<>(List.of("reconcile", "--url", url, "--database", database));
        args.addAll(List.of(vendor));
        args.addAll(List.of(PERIOD));
        return args;
    }

    private static String reconId(CommandRun run, int lines) {
        Matcher m = RECON_ID.matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        assertThat(m.group(2)).isEqualTo(Integer.toString(lines));
        return m.group(1);
    }

    private void importFile(String name, String rows) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "call_id,b_number,start,duration_s,cost,currency\n" + rows,
                StandardCharsets.UTF_8);
        CommandRun run = CommandRun.of("cdr", "import", "--vendor", VENDOR, "--file", file.toString(), "--format",
                "generic", "--url", url, "--database", database, "--dead-letter", "table");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** Rows of a query with one string parameter, columns joined by '|'. */
    private List<String> query(String sql, String parameter) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = new ClickHouseDatabase(url, database, ScratchStack.credentials()).connect();
             PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        cells.add(value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value));
                    }
                    rows.add(String.join("|", cells));
                }
            }
        }
        return rows;
    }

    /**
     * A call answered at {@code answer} (set up 5 s before), to 4479110000NN where NN follows the call (see
     * {@link #B_NUMBERS}), lasting {@code seconds}, that cost us {@code cost} EUR on {@code vendor}'s deck.
     */
    private static RatedCdr answered(String id, String answer, String seconds, String cost, String vendor) {
        Instant answered = Instant.parse(answer);
        Cdr cdr = new Cdr(id, "acme", "+49 30 111", bNumber(id), answered.minusSeconds(5), answered,
                answered.plusSeconds(Long.parseLong(seconds)), new BigDecimal(seconds), Disposition.ANSWERED, 16,
                List.of());
        return RatedCdr.rated(cdr, vendor, leg("acme", "0.02", seconds, "0.1"), leg(vendor, "0.012", seconds, cost),
                BigDecimal.ONE);
    }

    private static RatedCdr unanswered(String id, String setup) {
        Instant start = Instant.parse(setup);
        Cdr cdr = new Cdr(id, "acme", "4930111", bNumber(id), start, null, start.plusSeconds(20), BigDecimal.ZERO,
                Disposition.BUSY, 17, List.of());
        return RatedCdr.rated(cdr, VENDOR, leg("acme", "0.02", "0", "0"), leg(VENDOR, "0.012", "0", "0"),
                BigDecimal.ONE);
    }

    private static RatedLeg leg(String deck, String rate, String seconds, String amount) {
        return new RatedLeg(deck, 1, EUR, "44", new BigDecimal(rate), Integer.parseInt(seconds),
                new BigDecimal(amount));
    }

    private static final List<String> B_NUMBERS = List.of("edge-in", "m1", "d1", "k1", "gone", "edge-out",
            "edge-alone", "other");

    private static String bNumber(String id) {
        return id.equals("busy") ? "447911000040" : String.format("4479110000%02d", B_NUMBERS.indexOf(id) + 1);
    }
}
