package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.routing.LcrEngine;
import io.tollgate.core.routing.Route;
import io.tollgate.core.routing.RouteRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code tollgate route}: the least-cost route plan for one number. */
@Command(name = "route",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the vendors a number would be routed to, cheapest first (ties by vendor id).",
            "DIR holds one deck per vendor, named <vendor-id>.csv. Output columns: vendor,prefix,rate.",
            "A vendor with no matching row effective at --at is absent; with --max-rate, so is a vendor above R."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok", "1:any other failure", "2:bad input (the message names file, line and field)"})
final class RouteCommand implements Callable<Integer> {
    static final List<String> OUTPUT_COLUMNS = List.of("vendor", "prefix", "rate");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--decks", required = true, paramLabel = "DIR", description = "folder of vendor decks, <vendor-id>.csv")
    private Path decks;

    @Option(names = "--number", required = true, paramLabel = "N", description = "the dialled number (+, 00, spaces and dashes allowed)")
    private String number;

    @Option(names = "--at", paramLabel = "ISO-TIME", description = "when the call is placed, ISO-8601 with offset (default: now)")
    private String at;

    @Option(names = "--max-rate", paramLabel = "R", description = "leave out vendors whose rate per minute is above R")
    private String maxRate;

    @Option(names = "--limit", paramLabel = "K", description = "at most K routes")
    private Integer limit;

    @Override
    public Integer call() throws Exception {
        RouteRequest request = request();
        List<Route> routes = LcrEngine.of(readDecks()).routes(request);
        try (Output output = new Output(null, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), OUTPUT_COLUMNS)) {
                for (Route route : routes) {
                    csv.row(route.vendor(), route.prefix(), route.rate().toPlainString());
                }
            }
            output.commit();
        }
        return Tollgate.OK;
    }

    private RouteRequest request() throws BadInputException {
        String digits;
        try {
            digits = NumberNormalizer.plain().normalize(number);
        } catch (InvalidNumberException e) {
            throw Options.bad("--number", e.getMessage());
        }
        Instant when = at == null ? Instant.now() : Options.time("--at", at);
        RouteRequest request = RouteRequest.of(digits, when);
        if (maxRate != null) {
            request = request.withMaxRate(Options.amount("--max-rate", maxRate));
        }
        if (limit != null) {
            if (limit < 1) {
                throw Options.bad("--limit", limit + " is not a number of routes >= 1");
            }
            request = request.withLimit(limit);
        }
        return request;
    }

    private Map<String, RateDeck> readDecks() throws BadInputException, IOException {
        if (!Files.isDirectory(decks)) {
            throw new BadInputException(new InputProblem(decks.toString(), 0, "", "is not a folder of vendor decks"));
        }
        Map<String, RateDeck> byVendor = new TreeMap<>();
        List<InputProblem> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(decks)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                String vendor = file.getFileName().toString().replaceFirst("\\.csv$", "");
                try {
                    byVendor.put(vendor, RateDeckCsv.read(file, Rounding.DEFAULT,
                            RateDeckCsv.BadRows.REFUSE).deck());
                } catch (BadInputException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return byVendor;
    }
}
