package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.reports.recon.CarrierRecord;
import io.tollgate.reports.recon.ReconCsv;
import io.tollgate.reports.recon.Reconciler;
import io.tollgate.reports.recon.Reconciliation;
import io.tollgate.reports.recon.Tolerances;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate reconcile}: pairs our CDRs with a carrier's and prices the differences. */
@Command(name = "reconcile",
        mixinStandardHelpOptions = true,
        description = {
            "Reconciles our CDRs with a carrier's, as ARCHITECTURE.md's contract says.",
            "Both files: call_id,a_number,b_number,start,duration_s,cost (every column in the header; a_number may be",
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
            "A bad row in either file refuses the whole run (exit 2, FILE:LINE: field 'NAME': reason); nothing is written."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok", "1:any other failure", "2:bad input (the message names file, line and field)"})
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--ours", required = true, paramLabel = "A.csv", description = "our CDRs")
    private Path ours;

    @Option(names = "--theirs", required = true, paramLabel = "B.csv", description = "the carrier's CDRs")
    private Path theirs;

    @Option(names = "--time-tolerance", paramLabel = "S", defaultValue = "2",
            description = "seconds two starts may differ by, >= 0 (default: ${DEFAULT-VALUE})")
    private String timeTolerance;

    @Option(names = "--duration-tolerance", paramLabel = "S", defaultValue = "1",
            description = "seconds two durations may differ by and still match, >= 0 (default: ${DEFAULT-VALUE})")
    private String durationTolerance;

    @Option(names = "--cost-tolerance", paramLabel = "X", defaultValue = "0.001",
            description = "how far two costs may differ and still match, >= 0 (default: ${DEFAULT-VALUE})")
    private String costTolerance;

    @Option(names = "--out", paramLabel = "FILE", description = "write every line here (not written unless the run succeeds)")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Tolerances tolerances = tolerances();
        List<CarrierRecord> ourCdrs = null;
        List<CarrierRecord> theirCdrs = null;
        List<InputProblem> problems = new ArrayList<>();
        try {
            ourCdrs = ReconCsv.read(ours, ReconCsv.Side.OURS);
        } catch (BadInputException e) {
            problems.addAll(e.problems());
        }
        try {
            theirCdrs = ReconCsv.read(theirs, ReconCsv.Side.THEIRS);
        } catch (BadInputException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        Reconciliation reconciliation = Reconciler.reconcile(ourCdrs, theirCdrs, tolerances);
        if (out != null) {
            try (Output output = new Output(out, spec.commandLine().getOut())) {
                ReconCsv.writeLines(output.writer(), reconciliation);
                output.commit();
            }
        }
        StringWriter summary = new StringWriter();
        ReconCsv.writeSummary(summary, reconciliation);
        spec.commandLine().getOut().print(summary);
        spec.commandLine().getOut().flush();
        return Tollgate.OK;
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
