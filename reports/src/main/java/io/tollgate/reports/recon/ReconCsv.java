package io.tollgate.reports.recon;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of {@code tollgate reconcile}: both sides' CDRs in, the lines and the summary out. Amounts and durations
 * are written as read (plain, no exponent); impacts exactly, at the larger scale of the two costs.
 */
public final class ReconCsv {
    public static final List<String> CDR_COLUMNS = List.of("call_id", "a_number", "b_number", "start", "duration_s", "cost");
    public static final List<String> LINE_COLUMNS = List.of("class", "our_call_id", "their_row", "b_number", "our_start",
            "their_start", "our_duration_s", "their_duration_s", "our_cost", "their_cost", "impact");
    public static final List<String> SUMMARY_COLUMNS = List.of("class", "count", "impact");

    /** Whose file: on ours every CDR needs a call_id, on a carrier's it may be empty. */
    public enum Side { OURS, THEIRS }

    private ReconCsv() {
    }

    /**
     * Reads one side's CDRs, every column required in the header; a_number (and on theirs call_id) may be empty.
     *
     * @throws BadInputException naming file, line and field of every bad row
     */
    public static List<CarrierRecord> read(Path file, Side side) throws BadInputException {
        NumberNormalizer numbers = NumberNormalizer.plain();
        List<CarrierRecord> records = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        try (CsvInput in = CsvInput.open(file, CDR_COLUMNS, CDR_COLUMNS)) {
            long row = 0;
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                row++;
                int before = problems.size();
                problems.addAll(r.shapeProblems());
                String callId = side == Side.OURS ? r.required("call_id", problems) : r.get("call_id");
                String aNumber = r.has("a_number") ? number(r, "a_number", numbers, problems) : "";
                String bNumber = r.has("b_number") ? number(r, "b_number", numbers, problems)
                        : r.required("b_number", problems);
                Instant start = CommonForms.instant(r.get("start"));
                if (start == null) {
                    start = r.time("start", problems);
                }
                BigDecimal duration = r.seconds("duration_s", problems);
                BigDecimal cost = r.decimal("cost", problems);
                if (problems.size() == before) {
                    records.add(new CarrierRecord(row, callId, aNumber, bNumber, start, duration, cost));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return records;
    }

    private static String number(CsvRecord r, String field, NumberNormalizer numbers, List<InputProblem> problems) {
        String common = CommonForms.e164(r.get(field));
        if (common != null) {
            return common;
        }
        try {
            return numbers.normalize(r.get(field));
        } catch (InvalidNumberException e) {
            problems.add(r.problem(field, e.getMessage()));
            return "";
        }
    }

    /** Writes every line, with the header {@link #LINE_COLUMNS}, and closes {@code out}. */
    public static void writeLines(Writer out, Reconciliation reconciliation) throws IOException {
        try (CsvOutput csv = CsvOutput.open(out, LINE_COLUMNS)) {
            for (ReconLine line : reconciliation.lines()) {
                CarrierRecord our = line.ours();
                CarrierRecord their = line.theirs();
                csv.row(line.reconClass().code(),
                        our == null ? "" : our.callId(),
                        their == null ? "" : Long.toString(their.row()),
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

    /** Writes count and impact of each class, in {@link ReconClass} order, then a {@code total} row, and closes {@code out}. */
    public static void writeSummary(Writer out, Reconciliation reconciliation) throws IOException {
        try (CsvOutput csv = CsvOutput.open(out, SUMMARY_COLUMNS)) {
            for (ReconClass c : ReconClass.values()) {
                csv.row(c.code(), Long.toString(reconciliation.count(c)), reconciliation.impact(c).toPlainString());
            }
            csv.row("total", Long.toString(reconciliation.totalCount()), reconciliation.totalImpact().toPlainString());
        }
    }
}
