package io.tollgate.app;

import io.tollgate.app.testing.TestConfigs;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate invoice} against a scratch ClickHouse database: drafts, finalisation and numbering, idempotent
 * reruns, late and re-rated calls as adjustments, void, credit notes, time zones at month edges, FX and taxes.
 */
class InvoiceCommandIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final String CONFIG = "customers:\n" + TestConfigs.ACME + TestConfigs.GLOBEX + "vendors:\n"
            + TestConfigs.vendor("vendor-b", "Vendor B") + """
            fx_rates:
              - {from: EUR, to: USD, rate: 1.08, valid_from: 2026-01-01}
            invoices:
              issuer: {name: Tollgate Test Carrier, tax_id: GB999999973}
              number_format: "TST-{yyyy}-{seq:04}"
              credit_note_format: "TCN-{yyyy}-{seq:04}"
            """;

    @TempDir
    Path dir;

    private String url;
    private String database;
    private RatedCdrTable rated;
    private final Map<String, BigDecimal> acmeMarch = new java.util.LinkedHashMap<>();

    @BeforeEach
    void storedCalls() throws Exception {
        url = LocalStack.clickhouseUrl();
        database = ScratchStack.migratedDatabase(url, "it_invoice_");
        rated = new RatedCdrTable(new ClickHouseDatabase(url, database, ScratchStack.credentials()));
        Files.writeString(dir.resolve("tollgate.yaml"), CONFIG);
        List<RatedCdr> calls = new ArrayList<>();
        // 00:30 on 1 March in Berlin is still February in UTC: March's
        calls.add(call("a-edge-in", "acme", "2026-02-28T23:30:00Z", "49", "0.333333", EUR));
        // 00:30 on 1 April in Berlin (summer time) is 31 March in UTC: April's
        calls.add(call("a-edge-out", "acme", "2026-03-31T22:30:00Z", "49", "0.500000", EUR));
        for (int i = 0; i < 7; i++) {
            calls.add(call("a-" + i, "acme", "2026-03-1" + i + "T10:00:00Z", i % 2 == 0 ? "44" : "49",
                    "1.00000" + i, EUR));
        }
        calls.add(call("g-1", "globex", "2026-03-10T12:00:00Z", "44", "2.000005", EUR));
        rated.insert(calls, RatedCdrTable.STREAM_VERSION, "stream");
        for (RatedCdr c : calls) {
            if (c.cdr().customer().equals("acme") && !c.cdr().callId().equals("a-edge-out")) {
                acmeMarch.put(c.cdr().callId(), c.customerLeg().amount());
            }
        }
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    @Test
    void aDraftTotalsTheCallsOfThePeriodInTheCustomersZoneToTheCentAndIsRebuiltNotDuplicated() throws Exception {
        CommandRun first = invoice("--customer", "acme", "--period", "2026-03");
        CommandRun again = invoice("--customer", "acme", "--period", "2026-03");

        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String> row = rows(first).get(0);
        BigDecimal net = sum(acmeMarch.values()).setScale(2, RoundingMode.HALF_UP);
        assertThat(row).containsEntry("status", "draft").containsEntry("calls", "8")
                .containsEntry("period", "2026-03-01..2026-03-31");
        assertThat(new BigDecimal(row.get("net"))).isEqualByComparingTo(net);
        assertThat(new BigDecimal(row.get("tax"))).isEqualByComparingTo(net.multiply(new BigDecimal("0.19"))
                .setScale(2, RoundingMode.HALF_UP));
        assertThat(rows(again).get(0).get("invoice")).isEqualTo(row.get("invoice"));
        assertThat(list().stream().filter(r -> r.get("customer").equals("acme"))).hasSize(1);
        Path pdf = Path.of(row.get("document"));
        assertThat(text(pdf)).contains("Acme Telecom GmbH").contains(row.get("total"));
        assertThat(Files.readString(Path.of(pdf.toString().replace(".pdf", ".csv")))).contains(row.get("net"));
    }

    @Test
    void finalInvoicesAreNumberedWithoutGapsAndARerunReturnsTheSameInvoice() throws Exception {
        Map<String, String> acme = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);
        Map<String, String> globex = rows(invoice("--customer", "globex", "--period", "2026-03", "--final")).get(0);
        Map<String, String> rerun = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);

        String year = Integer.toString(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).getYear());
        assertThat(acme).containsEntry("status", "final").containsEntry("invoice", "TST-" + year + "-0001");
        assertThat(globex.get("invoice")).isEqualTo("TST-" + year + "-0002");
        assertThat(rerun).isEqualTo(acme);
        CommandRun verified = CommandRun.of(args("invoice", "verify", "--invoice", acme.get("invoice")));
        assertThat(rows(verified).get(0)).containsEntry("holds", "true").containsEntry("recounted_calls", "8");
    }

    @Test
    void callsInAnotherCurrencyAreConvertedAtTheConfiguredRateShownOnTheInvoice() throws Exception {
        Map<String, String> globex = rows(invoice("--customer", "globex", "--period", "2026-03")).get(0);

        // 2.000005 EUR * 1.08 = 2.1600054 USD; globex is exempt
        assertThat(globex).containsEntry("currency", "USD").containsEntry("net", "2.16").containsEntry("tax", "0.00");
        assertThat(text(Path.of(globex.get("document")))).contains("1 EUR = 1.08 USD").contains("Exempt");
    }

    @Test
    void lateAndReRatedCallsOfAFinalisedPeriodGoToTheNextInvoiceNeverIntoTheClosedOne() throws Exception {
        Map<String, String> march = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);
        rated.insert(List.of(call("a-late", "acme", "2026-03-20T10:00:00Z", "44", "0.700000", EUR)),
                RatedCdrTable.STREAM_VERSION, "stream");
        rated.insert(List.of(call("a-0", "acme", "2026-03-10T10:00:00Z", "44", "1.250000", EUR)),
                RatedCdrTable.STREAM_VERSION + 1, "rerate:test");

        Map<String, String> marchAgain = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);
        CommandRun aprilRun = invoice("--customer", "acme", "--period", "2026-04");

        assertThat(marchAgain).isEqualTo(march);
        Map<String, String> april = rows(aprilRun).get(0);
        // April: its own call (0.50, the Berlin midnight edge) + the late call (0.70) + a-0's re-rating (+0.25)
        assertThat(new BigDecimal(april.get("net"))).isEqualByComparingTo("1.45");
        assertThat(april).containsEntry("calls", "3");
        String csv = Files.readString(Path.of(april.get("document").replace(".pdf", ".csv")));
        assertThat(csv.lines().filter(l -> l.contains(",adjustment,"))).hasSize(1);
    }

    @Test
    void aLateCallBilledOnTheNextInvoiceIsNotBilledAgainWhenItsPeriodIsReissued() throws Exception {
        Map<String, String> march = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);
        rated.insert(List.of(call("a-late", "acme", "2026-03-20T10:00:00Z", "44", "0.700000", EUR)),
                RatedCdrTable.STREAM_VERSION, "stream");
        Map<String, String> april = rows(invoice("--customer", "acme", "--period", "2026-04", "--final")).get(0);

        CommandRun.of(args("invoice", "void", "--invoice", march.get("invoice")));
        Map<String, String> reissued = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);

        assertThat(new BigDecimal(april.get("net"))).isEqualByComparingTo("1.20"); // 0.50 + the late 0.70
        assertThat(reissued.get("net")).isEqualTo(march.get("net"));
        assertThat(reissued.get("calls")).isEqualTo(march.get("calls"));
    }

    @Test
    void aVoidedInvoiceKeepsItsNumberAndItsPeriodCanBeInvoicedAgain() throws Exception {
        Map<String, String> first = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);

        CommandRun voided = CommandRun.of(args("invoice", "void", "--invoice", first.get("invoice")));
        Map<String, String> second = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);

        assertThat(rows(voided).get(0)).containsEntry("status", "void").containsEntry("invoice", first.get("invoice"));
        assertThat(second.get("invoice")).isNotEqualTo(first.get("invoice")).endsWith("-0002");
        assertThat(second.get("net")).isEqualTo(first.get("net"));
    }

    @Test
    void aCreditNoteReferencesTheInvoiceAndCreditsItWhole() throws Exception {
        Map<String, String> invoice = rows(invoice("--customer", "acme", "--period", "2026-03", "--final")).get(0);

        CommandRun credit = CommandRun.of(args("invoice", "credit", "--invoice", invoice.get("invoice"), "--final"));
        CommandRun again = CommandRun.of(args("invoice", "credit", "--invoice", invoice.get("invoice"), "--final"));

        assertThat(credit.exitCode()).as(credit.err()).isZero();
        Map<String, String> note = rows(credit).get(0);
        assertThat(note.get("invoice")).startsWith("TCN-").endsWith("-0001");
        assertThat(new BigDecimal(note.get("total"))).isEqualByComparingTo(new BigDecimal(invoice.get("total")).negate());
        assertThat(rows(again).get(0).get("invoice")).isEqualTo(note.get("invoice"));
        assertThat(text(Path.of(note.get("document")))).contains("CREDIT NOTE").contains(invoice.get("invoice"));
    }

    @Test
    void aDryRunPrintsTheInvoiceAndWritesNothing() throws Exception {
        CommandRun dry = invoice("--customer", "acme", "--period", "2026-03", "--final", "--dry-run");

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(rows(dry).get(0)).containsEntry("status", "draft").containsEntry("document", "");
        assertThat(list()).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void anInvoiceRunInvoicesEveryCustomerDue() throws Exception {
        CommandRun run = CommandRun.of(args("invoice", "run", "--period", "2026-03"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows(run)).extracting(r -> r.get("customer")).containsExactlyInAnyOrder("acme", "globex");
    }

    @Test
    void anUnknownCustomerOrPeriodIsBadInputNamingTheOption() {
        CommandRun customer = invoice("--customer", "nobody", "--period", "2026-03");
        CommandRun period = invoice("--customer", "acme", "--period", "March");

        assertThat(customer.exitCode()).isEqualTo(2);
        assertThat(customer.err()).contains("--customer").contains("nobody");
        assertThat(period.exitCode()).isEqualTo(2);
        assertThat(period.err()).contains("--period");
    }

    private CommandRun invoice(String... options) {
        List<String> all = new ArrayList<>(List.of("invoice"));
        all.addAll(List.of(options));
        return CommandRun.of(args(all.toArray(String[]::new)));
    }

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--url", url, "--database", database));
        if (!Arrays.asList(command).contains("list")) {
            all.addAll(List.of("--config", dir.resolve("tollgate.yaml").toString(), "--out",
                    dir.resolve("out").toString()));
        }
        return all.toArray(String[]::new);
    }

    private List<Map<String, String>> list() {
        return rows(CommandRun.of(args("invoice", "list")));
    }

    private static List<Map<String, String>> rows(CommandRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.lines();
        List<String> header = List.of(lines[0].split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = cells[c];
                row.put(header.get(c), cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static BigDecimal sum(java.util.Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static RatedCdr call(String id, String customer, String setup, String prefix, String amount,
                                 Currency currency) {
        Instant start = Instant.parse(setup);
        Instant answer = start.plusSeconds(3);
        Cdr cdr = new Cdr(id, customer, "4930111", prefix + "1234567", start, answer, answer.plusSeconds(60),
                new BigDecimal("60"), Disposition.ANSWERED, 16, List.of());
        RatedLeg customerLeg = new RatedLeg("customer-" + customer, 1, currency, prefix, new BigDecimal("0.1"), 60,
                new BigDecimal(amount));
        RatedLeg vendorLeg = new RatedLeg("vendor-b", 1, EUR, prefix, new BigDecimal("0.05"), 60,
                new BigDecimal("0.05"));
        return RatedCdr.rated(cdr, "vendor-b", customerLeg, vendorLeg, BigDecimal.ONE);
    }
}
