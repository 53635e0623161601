package io.tollgate.reports.recon;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispute report's CSV (summary, then the disputed lines, formulas defused) and its PDF. */
class DisputeReportTest {
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant T = Instant.parse("2026-03-10T10:00:00Z");

    /** Their rows come from two files: rows 1-3 from march-a.csv (file rows 1-3), the rest from march-b.csv. */
    private static final CarrierRows ROWS = new CarrierRows() {
        @Override
        public String file(CarrierRecord theirs) {
            return theirs.row() <= 3 ? "march-a.csv" : "march-b.csv";
        }

        @Override
        public long fileRow(CarrierRecord theirs) {
            return theirs.row() <= 3 ? theirs.row() : theirs.row() - 3;
        }
    };

    private static CarrierRecord cdr(long row, String callId, String b, int startS, String duration, String cost) {
        return new CarrierRecord(row, callId, "", b, T.plusSeconds(startS), new BigDecimal(duration),
                new BigDecimal(cost));
    }

    /** One line of each class; a call id that a spreadsheet would run as a formula. */
    private static Reconciliation reconciliation() {
        List<CarrierRecord> ours = List.of(
                cdr(1, "m1", "441", 0, "60.000", "0.020000"),
                cdr(2, "d1", "442", 0, "60.000", "0.020000"),
                cdr(3, "=HYPERLINK(\"http://x\")", "443", 0, "60.000", "0.020000"),
                cdr(4, "gone", "444", 0, "30.000", "0.500000"));
        List<CarrierRecord> theirs = List.of(
                cdr(1, "", "441", 1, "60.000", "0.020000"),
                cdr(2, "", "442", 0, "75.000", "0.025000"),
                cdr(3, "", "443", 0, "60.000", "0.120000"),
                cdr(4, "", "445", 0, "12.000", "0.250000"));
        return Reconciler.reconcile(ours, theirs, Tolerances.DEFAULT);
    }

    private static DisputeReport report(Reconciliation r) {
        return new DisputeReport(new DisputeReport.Header("carrier-x", FROM, TO, null, Tolerances.DEFAULT, "EUR",
                "run-1"), r, ROWS);
    }

    @Test
    void csvIsTheSummaryThenEveryLineThatIsNotMatched() throws IOException {
        StringWriter out = new StringWriter();
        report(reconciliation()).writeCsv(out);

        assertThat(out.toString().split("\n", -1)).containsExactly(
                "class,count,impact",
                "matched,1,0.000000",
                "duration_mismatch,1,0.005000",
                "cost_mismatch,1,0.100000",
                "missing_theirs,1,-0.500000",
                "missing_ours,1,0.250000",
                "total,5,-0.145000",
                "",
                "class,our_call_id,their_file,their_row,b_number,our_start,their_start,our_duration_s,"
                        + "their_duration_s,our_cost,their_cost,impact",
                "duration_mismatch,d1,march-a.csv,2,442,2026-03-10T10:00:00Z,2026-03-10T10:00:00Z,60.000,75.000,"
                        + "0.020000,0.025000,0.005000",
                "cost_mismatch,\"'=HYPERLINK(\"\"http://x\"\")\",march-a.csv,3,443,2026-03-10T10:00:00Z,"
                        + "2026-03-10T10:00:00Z,60.000,60.000,0.020000,0.120000,0.100000",
                "missing_theirs,gone,,,444,2026-03-10T10:00:00Z,,30.000,,0.500000,,-0.500000",
                "missing_ours,,march-b.csv,1,445,,2026-03-10T10:00:00Z,,12.000,,0.250000,0.250000",
                "");
    }

    @Test
    void aFileFromTheCarrierThatLooksLikeAFormulaIsDefusedToo() throws IOException {
        CarrierRows evil = new CarrierRows() {
            @Override
            public String file(CarrierRecord theirs) {
                return "@SUM(A1:A9).csv";
            }

            @Override
            public long fileRow(CarrierRecord theirs) {
                return 7;
            }
        };
        Reconciliation r = Reconciler.reconcile(List.of(), List.of(cdr(1, "", "445", 0, "12", "-0.25")),
                Tolerances.DEFAULT);
        StringWriter out = new StringWriter();
        new DisputeReport(new DisputeReport.Header("x", FROM, TO, null, Tolerances.DEFAULT, "", ""), r, evil)
                .writeCsv(out);

        // a negative amount is a number, not a formula: left alone
        assertThat(out.toString()).contains("\nmissing_ours,,\"'@SUM(A1:A9).csv\",7,445,,2026-03-10T10:00:00Z,,12,,-0.25,"
                + "-0.25\n");
    }

    @Test
    void withNothingDisputedTheCsvHasTheSummaryAndTheLinesHeaderOnly() throws IOException {
        Reconciliation r = Reconciler.reconcile(List.of(cdr(1, "m1", "441", 0, "60", "0.02")),
                List.of(cdr(1, "", "441", 0, "60", "0.02")), Tolerances.DEFAULT);
        StringWriter out = new StringWriter();
        report(r).writeCsv(out);

        assertThat(out.toString()).endsWith("total,1,0.00\n\nclass,our_call_id,their_file,their_row,b_number,"
                + "our_start,their_start,our_duration_s,their_duration_s,our_cost,their_cost,impact\n");
    }

    @Test
    void theFileNameIsPlainWhateverTheVendorId() {
        Reconciliation r = Reconciler.reconcile(List.of(), List.of(), Tolerances.DEFAULT);
        assertThat(report(r).baseName()).isEqualTo("dispute-carrier-x-2026-03-01");
        DisputeReport odd = new DisputeReport(new DisputeReport.Header("../a b/ü", FROM.plus(Duration.ofHours(23)),
                TO, null, Tolerances.DEFAULT, "", ""), r, ROWS);
        assertThat(odd.baseName()).isEqualTo("dispute-.._a_b__-2026-03-01");
    }

    @Test
    void pdfHasTheHeaderTheSummaryAndTheDisputedLinesInDejaVuSans() throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        report(reconciliation()).writePdf(pdf);

        try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Carrier reconciliation: disputed CDRs", "carrier-x", "run-1", "EUR",
                    "2026-03-01 00:00:00.000 to 2026-04-01 00:00:00.000 UTC",
                    "start ± 2 s, duration ± 1 s, cost ± 0.001",
                    "Duration mismatch", "Missing on our side", "Total", "-0.145000",
                    "=HYPERLINK", "march-b.csv : 1", "gone", "Disputed lines (every line not matched): 4");
            assertThat(fonts(doc)).isNotEmpty().allMatch(f -> f.contains("DejaVuSans"));
        }
    }

    @Test
    void aLongDisputeRunsOverPagesEachWithItsColumnHeader() throws IOException {
        List<CarrierRecord> theirs = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            theirs.add(cdr(i, "", "44" + i, i, "60", "0.01"));
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        report(Reconciler.reconcile(List.of(), theirs, Tolerances.DEFAULT)).writePdf(pdf);

        try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(3);
            PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(doc.getNumberOfPages());
            lastPage.setEndPage(doc.getNumberOfPages());
            assertThat(lastPage.getText(doc)).contains("Their file : row", "march-b.csv : 297",
                    "Page " + doc.getNumberOfPages() + " of");
        }
    }

    @Test
    void anEmptyDisputeSaysSo() throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        report(Reconciler.reconcile(List.of(), List.of(), Tolerances.DEFAULT)).writePdf(pdf);

        try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("No disputed lines");
        }
    }

    private static Set<String> fonts(PDDocument doc) throws IOException {
        Set<String> names = new HashSet<>();
        for (var page : doc.getPages()) {
            for (var name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                names.add(font.getName());
            }
        }
        return names;
    }
}
