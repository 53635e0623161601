package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.reports.recon.CarrierRecord;
import io.tollgate.reports.recon.DisputeReport;
import io.tollgate.reports.recon.ReconCsv;
import io.tollgate.reports.recon.ReconScope;
import io.tollgate.reports.recon.ReconcileStore;
import io.tollgate.reports.recon.Reconciler;
import io.tollgate.reports.recon.Reconciliation;
import io.tollgate.reports.recon.StoredCdrs;
import io.tollgate.reports.recon.Tolerances;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code tollgate reconcile}: pairs our CDRs with a carrier's and prices the differences. */
@Command(name = "reconcile",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Reconciles our CDRs with a carrier's, as ARCHITECTURE.md's contract says, from two files (--ours and",
            "--theirs) or from the CDR store in ClickHouse (--vendor, --from, --to); one or the other.",
            "",
            "Files: call_id,a_number,b_number,start,duration_s,cost (every column in the header; a_number may be",
            "empty on either side, call_id on theirs only). Numbers are normalised to E.164; start is ISO-8601 with an",
            "offset or Z; duration_s is seconds >= 0 (a fraction allowed); cost a plain decimal (may be negative).",
            "A pair may match when B-numbers are equal, A-numbers are equal where both sides have one, and starts",
            "differ by at most --time-tolerance (inclusive). Pairs are taken one-to-one in order of smallest start",
            "difference, smallest duration difference, our call_id (as text), their row (then our row).",
            "--out columns: class,our_call_id,their_row,b_number,our_start,their_start,our_duration_s,their_duration_s,"
                + "our_cost,their_cost,impact",
            "  our CDRs in our file's order (paired or missing_theirs), then missing_ours in their file's order;",
            "  their_row is the 1-based data row in the theirs file; starts are printed as UTC instants (Z);",
            "  durations and costs as written; impact = their cost - our cost, exactly (a missing side counts 0).",
            "Standard output: class,count,impact for matched,duration_mismatch,cost_mismatch,missing_theirs,",
            "  missing_ours (zero counts included), then total. Impacts are exact sums, plain decimals.",
            "A bad row in either file refuses the whole run (exit 2, FILE:LINE: field 'NAME': reason); nothing is written.",
            "",
            "Store (--vendor ID --from ISO --to ISO [--file NAME]): theirs are the carrier's CDRs in carrier_cdrs",
            "  (tollgate cdr import; complete imports only; carrier_id = ID, start in [--from, --to), only those",
            "  imported from file NAME if given). Ours are what a carrier bills: the calls in rated_cdrs that the",
            "  vendor carried (vendor_id = ID) and that were answered, with start = answer time (carriers bill from",
            "  connect), duration = answer to end (duration_ms / 1000), cost = vendor_amount (our price of the call",
            "  on the vendor's deck: increments, minimum and connect fee applied; 0 for a call whose vendor leg could",
            "  not be rated, so their charge shows as a cost_mismatch). Unanswered calls are left out: a carrier CDR",
            "  for one is missing_ours. Both sides' amounts must be in one currency.",
            "  Period edges: a pair and a CDR only they have belong to the period of their start (the invoice that",
            "  bills it), a CDR only we have to the period of our answer time. Ours are read one --time-tolerance",
            "  beyond the period, theirs two, so a pair across an edge is found; lines of a neighbouring period are",
            "  left out, not reported as missing.",
            "  Every line goes to ClickHouse recon_results under a new recon id (printed on standard error; the run",
            "  in recon_runs); standard output is the same summary as with files. With --out-dir DIR, the dispute",
            "  report: DIR/dispute-<vendor>-<from date>.csv (the summary, an empty line, then every line not",
            "  matched: class,our_call_id,their_file,their_row,b_number,our_start,their_start,our_duration_s,",
            "  their_duration_s,our_cost,their_cost,impact) and .pdf (the same, with vendor, period, tolerances)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok", "1:any other failure (ClickHouse unreachable...)",
            "2:bad input (the message names file, line and field; or the option)"})
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--ours", paramLabel = "A.csv", description = "our CDRs (file mode, with --theirs)")
    private Path ours;

    @Option(names = "--theirs", paramLabel = "B.csv", description = "the carrier's CDRs (file mode, with --ours)")
    private Path theirs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "file mode: write every line here (not written unless the run succeeds)")
    private Path out;

    @Option(names = "--vendor", paramLabel = "ID",
            description = "store mode: the carrier, as vendor_id of rated_cdrs and carrier_id of carrier_cdrs")
    private String vendor;

    @Option(names = "--from", paramLabel = "ISO-TIME", description = "store mode: first instant of the period")
    private String from;

    @Option(names = "--to", paramLabel = "ISO-TIME", description = "store mode: first instant after the period")
    private String to;

    @Option(names = "--file", paramLabel = "NAME",
            description = "store mode: only the carrier's CDRs imported from this file (its name, as imported)")
    private String file;

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "store mode: write the dispute report (CSV and PDF) here; created if missing")
    private Path outDir;

    @Mixin
    private ClickHouseAddress clickhouse;

    @Option(names = "--time-tolerance", paramLabel = "S", defaultValue = "2",
            description = "seconds two starts may differ by, >= 0 (default: ${DEFAULT-VALUE})")
    private String timeTolerance;

    @Option(names = "--duration-tolerance", paramLabel = "S", defaultValue = "1",
            description = "seconds two durations may differ by and still match, >= 0 (default: ${DEFAULT-VALUE})")
    private String durationTolerance;

    @Option(names = "--cost-tolerance", paramLabel = "X", defaultValue = "0.001",
            description = "how far two costs may differ and still match, >= 0 (default: ${DEFAULT-VALUE})")
    private String costTolerance;

    private static final List<String> FILE_OPTIONS = List.of("--ours", "--theirs", "--out");
    private static final List<String> STORE_OPTIONS = List.of("--vendor", "--from", "--to", "--file", "--out-dir",
            "--url", "--database", "--user");

    @Override
    public Integer call() throws Exception {
        boolean store = vendor != null;
        checkMode(store);
        Tolerances tolerances = tolerances();
        return store ? fromStore(tolerances) : fromFiles(tolerances);
    }

    private int fromFiles(Tolerances tolerances) throws Exception {
        // the two files are read at once, theirs on a thread of its own: reading is most of the work
        CompletableFuture<SideRead> theirRead = CompletableFuture.supplyAsync(
                () -> SideRead.of(theirs, ReconCsv.Side.THEIRS));
        SideRead ourCdrs = SideRead.of(ours, ReconCsv.Side.OURS);
        SideRead theirCdrs;
        try {
            theirCdrs = theirRead.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        List<InputProblem> problems = new ArrayList<>(ourCdrs.problems());
        problems.addAll(theirCdrs.problems());
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        Reconciliation reconciliation = Reconciler.reconcile(ourCdrs.cdrs(), theirCdrs.cdrs(), tolerances);
        if (out != null) {
            try (Output output = new Output(out, spec.commandLine().getOut())) {
                ReconCsv.writeLines(new FlushedOnClose(output.writer()), reconciliation);
                output.commit();
            }
        }
        printSummary(reconciliation);
        return Tollgate.OK;
    }

    /** One file's CDRs, or the problems of its bad rows (so that both files' problems are reported at once). */
    private record SideRead(List<CarrierRecord> cdrs, List<InputProblem> problems) {
        static SideRead of(Path file, ReconCsv.Side side) {
            try {
                return new SideRead(ReconCsv.read(file, side), List.of());
            } catch (BadInputException e) {
                return new SideRead(null, e.problems());
            }
        }
    }

    private int fromStore(Tolerances tolerances) throws Exception {
        if (vendor.isBlank()) {
            throw Options.bad("--vendor", "is empty");
        }
        if (file != null && file.isBlank()) {
            throw Options.bad("--file", "is empty");
        }
        Instant start = Options.time("--from", from);
        Instant end = Options.time("--to", to);
        if (!end.isAfter(start)) {
            throw Options.bad("--to", "the period must end after it starts: " + from + " .. " + to);
        }
        ReconScope scope = new ReconScope(vendor, start, end, file);
        PrintWriter err = spec.commandLine().getErr();
        ReconcileStore store = new ReconcileStore(clickhouse.clickHouse());
        StoredCdrs cdrs = store.read(scope, tolerances.time());
        if (cdrs.theirs().isEmpty()) {
            err.printf("reconcile: warning: carrier_cdrs has no CDRs of %s%s around the period (imported with"
                    + " tollgate cdr import?)%n", vendor, file == null ? "" : " from file " + file);
        }
        if (cdrs.ours().isEmpty()) {
            err.printf("reconcile: warning: rated_cdrs has no answered calls carried by vendor %s around the"
                    + " period%n", vendor);
        }
        Reconciliation reconciliation = cdrs.reconcile(tolerances);
        String reconId = store.save(cdrs, tolerances, reconciliation);
        err.printf("recon id: %s (%d lines stored in recon_results)%n", reconId, reconciliation.totalCount());
        err.flush();
        if (outDir != null) {
            DisputeReport report = new DisputeReport(
                    DisputeReport.Header.of(scope, tolerances, cdrs.currency(), reconId), reconciliation, cdrs);
            Files.createDirectories(outDir);
            Path csv = outDir.resolve(report.baseName() + ".csv");
            Path pdf = outDir.resolve(report.baseName() + ".pdf");
            writeAtomically(csv, stream -> report.writeCsv(
                    new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))));
            writeAtomically(pdf, report::writePdf);
            err.printf("dispute report: %s and %s%n", csv, pdf);
        }
        printSummary(reconciliation);
        return Tollgate.OK;
    }

    private void printSummary(Reconciliation reconciliation) throws IOException {
        StringWriter summary = new StringWriter();
        ReconCsv.writeSummary(summary, reconciliation);
        spec.commandLine().getOut().print(summary);
        spec.commandLine().getOut().flush();
    }

    /** Writes what {@code content} writes to {@code target} whole or not at all (a temporary file moved in place). */
    private static void writeAtomically(Path target, StreamContent content) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tollgate-", ".tmp");
        try {
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.write(stream);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A writer that passes on no flush but the last: the CSV writer flushes after every row, which would otherwise
     * reach the file as one system call per line.
     */
    private static final class FlushedOnClose extends FilterWriter {
        FlushedOnClose(Writer out) {
            super(out);
        }

        @Override
        public void flush() {
            // at close
        }
    }

    @FunctionalInterface
    private interface StreamContent {
        void write(OutputStream out) throws IOException;
    }

    /** Files or store, never both; each mode's required options, and none of the other's. */
    private void checkMode(boolean store) throws BadInputException {
        List<String> wrong = (store ? FILE_OPTIONS : STORE_OPTIONS).stream().filter(this::given).toList();
        if (store && (ours != null || theirs != null)) {
            throw Options.bad("--vendor", "--vendor reads the CDR store, --ours/--theirs read files: give one or"
                    + " the other");
        }
        if (!wrong.isEmpty()) {
            throw Options.bad(wrong.get(0), store
                    ? "applies to --ours/--theirs only; with --vendor every line goes to recon_results (and the"
                    + " disputed ones to --out-dir)"
                    : "applies to --vendor only (reconciling from the CDR store)");
        }
        if (store) {
            require("--from", from, "with --vendor");
            require("--to", to, "with --vendor");
        } else if (ours == null && theirs == null) {
            throw Options.bad("--ours", "give --ours A.csv --theirs B.csv (files), or --vendor ID --from ISO --to ISO"
                    + " (the CDR store)");
        } else {
            require("--ours", ours, "with --theirs");
            require("--theirs", theirs, "with --ours");
        }
    }

    private static void require(String option, Object value, String when) throws BadInputException {
        if (value == null) {
            throw Options.bad(option, "is required " + when);
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private Tolerances tolerances() throws BadInputException {
        BigDecimal time = Options.amount("--time-tolerance", timeTolerance);
        BigDecimal duration = Options.amount("--duration-tolerance", durationTolerance);
        BigDecimal cost = Options.amount("--cost-tolerance", costTolerance);
        try {
            return new Tolerances(Tolerances.seconds(time), duration, cost);
        } catch (ArithmeticException e) {
            throw Options.bad("--time-tolerance", "'" + timeTolerance + "' is too large");
        }
    }
}
