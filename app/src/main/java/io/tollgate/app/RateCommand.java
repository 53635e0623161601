package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.core.rating.Charge;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.rating.Rater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate rate}: prices a file of calls against one rate deck. */
@Command(name = "rate",
        mixinStandardHelpOptions = true,
        description = {
            "Rates calls against a rate deck with the formula of ARCHITECTURE.md.",
            "CALLS.csv columns: call_id,start,duration_s,number (duration_s may have a fraction; 0 = unanswered).",
            "Output columns: call_id,prefix,billed_s,cost,reason - one row per call, in input order. A call that",
            "cannot be rated has empty prefix, billed_s and cost and a reason (no_rate, bad_number)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok", "1:any other failure", "2:bad input (the message names file, line and field)"})
final class RateCommand implements Callable<Integer> {
    static final List<String> CALL_COLUMNS = List.of("call_id", "start", "duration_s", "number");
    static final List<String> OUTPUT_COLUMNS = List.of("call_id", "prefix", "billed_s", "cost", "reason");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--deck", required = true, paramLabel = "DECK.csv", description = "the rate deck (canonical CSV)")
    private Path deck;

    @Option(names = "--calls", required = true, paramLabel = "CALLS.csv", description = "the calls to rate")
    private Path calls;

    @Option(names = "--decimals", paramLabel = "N", description = "decimals of each call's cost (default: ${DEFAULT-VALUE})",
            defaultValue = "6")
    private int decimals;

    @Option(names = "--rounding", paramLabel = "UP|HALF_UP|DOWN", defaultValue = "HALF_UP",
            description = "how the one rounding per call goes (default: ${DEFAULT-VALUE})")
    private String rounding;

    @Option(names = "--out", paramLabel = "FILE", description = "write the CSV here instead of standard output")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Rounding rule = rounding();
        RateDeck rateDeck = RateDeckCsv.read(deck, rule, RateDeckCsv.BadRows.REFUSE).deck();
        try (Output output = new Output(out, spec.commandLine().getOut());
             CsvInput in = CsvInput.open(calls, CALL_COLUMNS, CALL_COLUMNS)) {
            rateAll(in, rateDeck, output);
            output.commit();
        }
        return Tollgate.OK;
    }

    private void rateAll(CsvInput in, RateDeck rateDeck, Output output) throws Exception {
        NumberNormalizer numbers = NumberNormalizer.plain();
        List<InputProblem> problems = new ArrayList<>();
        try (CsvOutput csv = CsvOutput.open(output.writer(), OUTPUT_COLUMNS)) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                int before = problems.size();
                problems.addAll(r.shapeProblems());
                String callId = r.required("call_id", problems);
                Instant start = r.time("start", problems);
                BigDecimal duration = r.seconds("duration_s", problems);
                if (problems.size() > before) {
                    continue;
                }
                String number;
                try {
                    number = numbers.normalize(r.get("number"));
                } catch (InvalidNumberException e) {
                    csv.row(callId, "", "", "", Charge.Unrated.BAD_NUMBER.code());
                    continue;
                }
                Charge charge = Rater.rate(rateDeck, number, start, duration);
                if (charge.isRated()) {
                    csv.row(callId, charge.row().prefix(), Long.toString(charge.billedSeconds()),
                            charge.cost().toPlainString(), "");
                } else {
                    csv.row(callId, "", "", "", charge.reason().code());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    private Rounding rounding() throws BadInputException {
        RoundingMode mode;
        try {
            mode = Rounding.parseMode(rounding);
        } catch (IllegalArgumentException e) {
            throw Options.bad("--rounding", e.getMessage());
        }
        if (decimals < 0 || decimals > Rounding.MAX_DECIMALS) {
            throw Options.bad("--decimals", decimals + " is out of range 0.." + Rounding.MAX_DECIMALS);
        }
        return new Rounding(decimals, mode);
    }
}
