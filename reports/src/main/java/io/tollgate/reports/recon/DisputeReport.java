package io.tollgate.reports.recon;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.reports.pdf.JasperPdf;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The dispute report of a carrier reconciliation, for finance to send to the carrier: the summary (count and money
 * impact of each class, and the totals), then every disputed line, that is every line that is not {@code matched}.
 * As CSV (formulas defused: the lines carry what the carrier sent) and as PDF (Jasper, DejaVu Sans embedded).
 *
 * <p>The CSV is two tables one after the other, separated by an empty line: the summary exactly as
 * {@code tollgate reconcile} prints it ({@link ReconCsv#SUMMARY_COLUMNS}), then the disputed lines
 * ({@link #LINE_COLUMNS}: those of {@code --out} with the carrier's file beside its row).
 */
public final class DisputeReport {
    public static final List<String> LINE_COLUMNS = List.of("class", "our_call_id", "their_file", "their_row",
            "b_number", "our_start", "their_start", "our_duration_s", "their_duration_s", "our_cost", "their_cost",
            "impact");
    static final String TEMPLATE = "/io/tollgate/reports/recon/dispute.jrxml";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * What the report is about.
     *
     * @param file     the carrier's file reconciled; null when all of the period's
     * @param currency of the amounts; empty when unknown
     * @param reconId  the run's id in recon_results
     */
    public record Header(String vendor, Instant from, Instant to, String file, Tolerances tolerances, String currency,
                         String reconId) {
        public Header {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(tolerances, "tolerances");
            currency = currency == null ? "" : currency;
            reconId = reconId == null ? "" : reconId;
        }

        public static Header of(ReconScope scope, Tolerances tolerances, String currency, String reconId) {
            return new Header(scope.vendor(), scope.from(), scope.to(), scope.file(), tolerances, currency, reconId);
        }
    }

    private final Header header;
    private final Reconciliation reconciliation;
    private final CarrierRows rows;

    public DisputeReport(Header header, Reconciliation reconciliation, CarrierRows rows) {
        this.header = header;
        this.reconciliation = reconciliation;
        this.rows = rows;
    }

    /**
     * {@code dispute-<vendor>-<from date>}, the date in UTC; characters of the vendor id other than letters, digits,
     * {@code . _ -} become {@code _}, so the name is one plain file name whatever the id.
     */
    public String baseName() {
        return "dispute-" + header.vendor().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + DAY.format(header.from());
    }

    /** The summary, an empty line, then the disputed lines; {@code out} is closed. */
    public void writeCsv(Writer out) throws IOException {
        try (out) {
            ReconCsv.writeSummary(new KeptOpen(out), reconciliation);
            out.write("\n");
            try (CsvOutput csv = CsvOutput.open(new KeptOpen(out), LINE_COLUMNS)) {
                for (ReconLine line : reconciliation.lines()) {
                    if (line.reconClass() == ReconClass.MATCHED) {
                        continue;
                    }
                    CarrierRecord our = line.ours();
                    CarrierRecord their = line.theirs();
                    csv.row(line.reconClass().code(),
                            our == null ? "" : our.callId(),
                            their == null ? "" : rows.file(their),
                            their == null ? "" : Long.toString(rows.fileRow(their)),
                            line.bNumber(),
                            our == null ? "" : our.start().toString(),
                            their == null ? "" : their.start().toString(),
                            our == null ? "" : our.duration().toPlainString(),
                            their == null ? "" : their.duration().toPlainString(),
                            our == null ? "" : our.cost().toPlainString(),
                            their == null ? "" : their.cost().toPlainString(),
                            line.impact().toPlainString());
                }
            }
        }
    }

    /** The report as PDF: header, summary table, then the disputed lines; {@code out} is left open. */
    public void writePdf(OutputStream out) {
        JasperPdf.render(TEMPLATE, parameters(), disputedRows(), out);
    }

    /** The template's parameters: every figure already formatted, so the PDF shows what the CSV says. */
    Map<String, Object> parameters() {
        Map<String, Object> p = new HashMap<>();
        p.put("vendor", header.vendor());
        p.put("period", TIME.format(header.from()) + " to " + TIME.format(header.to()) + " UTC (end excluded)");
        p.put("file", header.file() == null ? "all files imported for the period" : header.file());
        Tolerances t = header.tolerances();
        p.put("tolerances", "start ± " + ReconcileStore.seconds(t.time()).toPlainString() + " s, duration ± "
                + t.duration().toPlainString() + " s, cost ± " + t.cost().toPlainString());
        p.put("currency", header.currency().isEmpty() ? "not stated" : header.currency());
        p.put("reconId", header.reconId());
        for (ReconClass c : ReconClass.values()) {
            p.put("count_" + c.code(), grouped(reconciliation.count(c)));
            p.put("impact_" + c.code(), reconciliation.impact(c).toPlainString());
        }
        p.put("count_total", grouped(reconciliation.totalCount()));
        p.put("impact_total", reconciliation.totalImpact().toPlainString());
        BigDecimal theirTotal = BigDecimal.ZERO;
        BigDecimal ourTotal = BigDecimal.ZERO;
        long disputed = 0;
        for (ReconLine line : reconciliation.lines()) {
            theirTotal = line.theirs() == null ? theirTotal : theirTotal.add(line.theirs().cost());
            ourTotal = line.ours() == null ? ourTotal : ourTotal.add(line.ours().cost());
            disputed += line.reconClass() == ReconClass.MATCHED ? 0 : 1;
        }
        p.put("their_total", theirTotal.toPlainString());
        p.put("our_total", ourTotal.toPlainString());
        p.put("disputed", grouped(disputed));
        return p;
    }

    /** One map per disputed line, every value a string, or null for a side the line does not have. */
    List<Map<String, ?>> disputedRows() {
        List<Map<String, ?>> lines = new ArrayList<>();
        for (ReconLine line : reconciliation.lines()) {
            if (line.reconClass() == ReconClass.MATCHED) {
                continue;
            }
            CarrierRecord our = line.ours();
            CarrierRecord their = line.theirs();
            // an absent side is null, not "": the PDF then has no element to draw there (a third of the work)
            Map<String, String> row = new HashMap<>(16);
            row.put("lineClass", line.reconClass().code());
            row.put("ourCallId", our == null ? null : our.callId());
            row.put("theirRow", their == null ? null : rows.file(their) + " : " + rows.fileRow(their));
            row.put("bNumber", line.bNumber());
            row.put("ourStart", our == null ? null : TIME.format(our.start()));
            row.put("theirStart", their == null ? null : TIME.format(their.start()));
            row.put("ourDuration", our == null ? null : our.duration().toPlainString());
            row.put("theirDuration", their == null ? null : their.duration().toPlainString());
            row.put("ourCost", our == null ? null : our.cost().toPlainString());
            row.put("theirCost", their == null ? null : their.cost().toPlainString());
            row.put("impact", line.impact().toPlainString());
            lines.add(row);
        }
        return lines;
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A writer that neither flushes nor closes what it writes to: CsvOutput closes it after its table (and two tables
     * share one file), and flushes it after every row (one system call per line, were it passed on).
     */
    private static final class KeptOpen extends FilterWriter {
        KeptOpen(Writer out) {
            super(out);
        }

        @Override
        public void flush() {
            // the file is flushed when it is closed
        }

        @Override
        public void close() {
            // the caller closes it
        }
    }
}
