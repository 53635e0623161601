package io.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.core.json.WireFormat;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.jobs.fraud.OfflineEvaluation;
import io.tollgate.jobs.fraud.OpenAlerts;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tollgate fraud test}: a rule file judged on recorded traffic, before it is deployed. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Replays recorded traffic through the fraud job's features, rules and alert pacing, with the"
                + " calls' own times for the clock, and prints the alerts it would raise as CSV: "
                + FraudTestCommand.HEADER + ". action is the block an alert would publish, or none.",
            "--events holds one JSON value per line, in time order, each a call event (as on tollgate.call-events)"
                + " or a rated CDR (as on tollgate.rated-cdrs), e.g. what kafka-console-consumer prints. Blank lines"
                + " are skipped. Thresholds, schedules and exemptions come from the configuration's fraud section.",
            "A summary goes to standard error."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:evaluated (alerts or not)",
            "2:bad input: the rule file, the configuration or a line of --events (named with its line number)",
            "1:any other failure"})
final class FraudTestCommand implements Callable<Integer> {
    static final String HEADER = "rule,severity,customer,subject,raised_at,first_event_time,last_event_time,action,"
            + "evidence";
    private static final ObjectMapper JSON = WireFormat.newMapper();

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private FraudCommand.RuleSource source;

    @Option(names = "--events", paramLabel = "FILE", required = true, description = "the recorded traffic (JSON lines)")
    private Path events;

    @Option(names = "--out", paramLabel = "FILE", description = "write the CSV here instead of standard output")
    private Path out;

    @Override
    public Integer call() throws Exception {
        TollgateConfig loaded = source.load();
        if (source.rules == null) {
            throw Options.bad("--rules", "required: the rule file to test");
        }
        OfflineEvaluation evaluation = new OfflineEvaluation(source.book(loaded, source.ruleSet(loaded)),
                FeatureSettings.DEFAULT, OpenAlerts.Pacing.DEFAULT);
        Map<String, OpenAlerts.Change> alerts = new LinkedHashMap<>();
        long lines = replay(evaluation, alerts);
        evaluation.finish().forEach(c -> keep(alerts, c));
        try (Output output = new Output(out, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), List.of(HEADER.split(",")))) {
                for (OpenAlerts.Change c : alerts.values()) {
                    row(csv, c);
                }
            }
            output.commit();
        }
        long blocks = alerts.values().stream().filter(c -> c.block() != null).count();
        spec.commandLine().getErr().printf("%d events from %s: %d alerts, %d would block%n", lines, events,
                alerts.size(), blocks);
        return Tollgate.OK;
    }

    /** Feeds every line; returns how many values it read. */
    private long replay(OfflineEvaluation evaluation, Map<String, OpenAlerts.Change> alerts)
            throws IOException, BadInputException {
        if (!Files.isRegularFile(events)) {
            throw Options.bad("--events", events + ": no such file");
        }
        long read = 0;
        List<InputProblem> problems = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            long line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    feed(evaluation, text).forEach(c -> keep(alerts, c));
                    read++;
                } catch (CodecException | IOException e) {
                    problems.add(new InputProblem(events.toString(), line, "value", e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return read;
    }

    private static List<OpenAlerts.Change> feed(OfflineEvaluation evaluation, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        JsonNode value = JSON.readTree(bytes);
        return value.has("cdr") ? evaluation.feed(JsonCodec.RATED_CDR.decode(bytes))
                : evaluation.feed(JsonCodec.CALL_EVENT.decode(bytes));
    }

    /** The latest state of each alert, in the order they were raised; the block of its raising stays. */
    private static void keep(Map<String, OpenAlerts.Change> alerts, OpenAlerts.Change change) {
        alerts.merge(change.alert().alertId(), change,
                (was, now) -> new OpenAlerts.Change(now.alert(), was.block() != null ? was.block() : now.block()));
    }

    private static void row(CsvOutput csv, OpenAlerts.Change c) throws IOException {
        RaisedAlert r = c.alert();
        csv.row(r.alert().ruleId(), r.alert().severity().name().toLowerCase(), r.alert().customer(),
                r.alert().subject(), r.raisedAt().toString(), r.alert().firstEventTime().toString(),
                r.alert().lastEventTime().toString(), action(c.block()), JSON.writeValueAsString(r.alert().evidence()));
    }

    private static String action(Block block) {
        if (block == null) {
            return "none";
        }
        return "block customer " + block.customer() + (block.prefix() == null ? "" : " prefix " + block.prefix());
    }
}
