package io.tollgate.app;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.CallEvent.Type;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.json.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FraudCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path dir;

    private static Path repository() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("tollgate.yaml")) && Files.isDirectory(d.resolve("examples"))) {
                return d;
            }
        }
        throw new AssertionError("no tollgate.yaml above " + Path.of("").toAbsolutePath());
    }

    /** The example configuration, its decks found from {@code dir}, with {@code fraud} appended. */
    private Path config(String fraud) throws IOException {
        Path root = repository();
        String example = Files.readString(root.resolve("tollgate.yaml"), StandardCharsets.UTF_8)
                .replace(" examples/", " " + root.resolve("examples") + "/");
        int section = example.indexOf("\nfraud:");
        String base = section < 0 ? example : example.substring(0, section + 1);
        Files.writeString(dir.resolve("high-risk.csv"), "prefix,destination\n2899,Test premium range\n");
        return Files.writeString(dir.resolve("tollgate.yaml"), base + fraud, StandardCharsets.UTF_8);
    }

    private Path shippedRules() throws IOException {
        CommandRun run = CommandRun.of("fraud", "rules", "--print-drl", "--config", config("").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.writeString(dir.resolve("checklist.drl"), run.out());
    }

    @Test
    void listsEveryRuleWithTheThresholdsInForce() throws IOException {
        CommandRun run = CommandRun.of("fraud", "rules", "--config", config("""
                fraud:
                  defaults:
                    irsf: {calls: 12}
                  customers:
                    acme:
                      irsf: {calls: 40, active: "mon-fri 20:00-08:00"}
                      exempt: [wangiri]
                """).toString(), "--customer", "acme");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()[0]).isEqualTo(FraudRulesCommand.HEADER);
        List<CsvRecord> rows = rows(run.out(), FraudRulesCommand.HEADER);
        assertThat(rows).filteredOn(r -> r.get("threshold").equals("irsf.calls")).singleElement().satisfies(r -> {
            assertThat(r.get("rule")).isEqualTo("irsf");
            assertThat(r.get("severity")).isEqualTo("critical");
            assertThat(r.get("block")).isEqualTo("destination");
            assertThat(r.get("value")).isEqualTo("40");
            assertThat(r.get("active")).isEqualTo("mon,tue,wed,thu,fri 20:00-08:00");
            assertThat(r.get("exempt")).isEqualTo("false");
        });
        assertThat(rows).filteredOn(r -> r.get("threshold").equals("irsf.minutes"))
                .extracting(r -> r.get("value")).containsExactly("30");
        assertThat(rows).filteredOn(r -> r.get("rule").equals("wangiri")).isNotEmpty()
                .allMatch(r -> r.get("exempt").equals("true"));
        assertThat(rows.stream().map(r -> r.get("rule")).distinct().toList())
                .containsExactly("irsf", "wangiri", "short-call-burst", "sequential-dialling", "cps-spike",
                        "concurrency-spike", "spend-cap", "new-destination", "negative-margin", "asr-collapse");
    }

    private static List<CsvRecord> rows(String csv, String header) throws IOException {
        List<CsvRecord> rows = new ArrayList<>();
        try (CsvInput in = CsvInput.open(new StringReader(csv), "out", List.of(), Set.of(header.split(",")))) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                rows.add(r);
            }
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    @Test
    void aThresholdNoRuleReadsIsRefusedWithExitTwo() throws IOException {
        CommandRun run = CommandRun.of("fraud", "rules", "--config", config("""
                fraud:
                  defaults:
                    irsf: {cals: 12}
                """).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("irsf.cals").contains("irsf.calls");
    }

    @Test
    void testReplaysRecordedEventsAndPrintsTheAlertsWithTheBlockTheyWouldPublish() throws IOException {
        Path rules = shippedRules();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CallEvent setup = new CallEvent(Type.SETUP, "c" + i, "c" + i, T0.plusSeconds(i), "acme", "4930111",
                    "+28991234" + String.format("%03d", i * 7), null, null, "agent-1", 0);
            lines.add(new String(JsonCodec.CALL_EVENT.encode(setup), StandardCharsets.UTF_8));
        }
        Path events = Files.write(dir.resolve("events.jsonl"), lines);

        CommandRun run = CommandRun.of("fraud", "test", "--rules", rules.toString(), "--events", events.toString(),
                "--config", config("fraud:\n  high_risk_prefixes: high-risk.csv\n").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()[0]).isEqualTo(FraudTestCommand.HEADER);
        assertThat(rows(run.out(), FraudTestCommand.HEADER)).singleElement().satisfies(r -> {
            assertThat(r.get("rule")).isEqualTo("irsf");
            assertThat(r.get("severity")).isEqualTo("critical");
            assertThat(r.get("customer")).isEqualTo("acme");
            assertThat(r.get("subject")).isEqualTo("2899");
            assertThat(r.get("action")).isEqualTo("block customer acme prefix 2899");
            assertThat(r.get("raised_at")).as("raised by the tenth call, the threshold")
                    .isEqualTo("2026-11-23T12:00:09Z");
            assertThat(r.get("evidence")).contains("\"calls\":10");
        });
        assertThat(run.err()).contains("12 events").contains("1 alerts, 1 would block");
    }

    @Test
    void cleanTrafficRaisesNothing() throws IOException {
        Path rules = shippedRules();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CallEvent setup = new CallEvent(Type.SETUP, "c" + i, "c" + i, T0.plusSeconds(i * 5L), "acme", "4930111",
                    "4930" + (1000000 + i * 7919), null, null, "agent-1", 0);
            lines.add(new String(JsonCodec.CALL_EVENT.encode(setup), StandardCharsets.UTF_8));
        }
        Path events = Files.write(dir.resolve("events.jsonl"), lines);

        CommandRun run = CommandRun.of("fraud", "test", "--rules", rules.toString(), "--events", events.toString(),
                "--config", config("fraud:\n  high_risk_prefixes: high-risk.csv\n").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly(FraudTestCommand.HEADER);
    }

    @Test
    void aBadEventLineAndABadRuleFileAreNamed() throws IOException {
        Path rules = shippedRules();
        Path events = Files.writeString(dir.resolve("events.jsonl"), "\n{\"v\":1,\"type\":\"SETUP\"}\n");
        Path broken = Files.writeString(dir.resolve("broken.drl"), "package io.tollgate.rules;\nrule \"x\" when\n");
        String cfg = config("").toString();

        CommandRun badEvents = CommandRun.of("fraud", "test", "--rules", rules.toString(), "--events",
                events.toString(), "--config", cfg);
        CommandRun badRules = CommandRun.of("fraud", "test", "--rules", broken.toString(), "--events",
                events.toString(), "--config", cfg);

        assertThat(badEvents.exitCode()).isEqualTo(2);
        assertThat(badEvents.err()).contains("events.jsonl:2");
        assertThat(badRules.exitCode()).isEqualTo(2);
        assertThat(badRules.err()).contains("broken.drl");
    }

    @Test
    void unblockNeedsAKnownCustomerAndAPrefixOfDigits() throws IOException {
        String cfg = config("").toString();

        CommandRun unknown = CommandRun.of("fraud", "unblock", "--customer", "nobody", "--config", cfg);
        CommandRun badPrefix = CommandRun.of("fraud", "unblock", "--customer", "acme", "--prefix", "28x",
                "--config", cfg);

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no customer 'nobody'");
        assertThat(badPrefix.exitCode()).isEqualTo(2);
        assertThat(badPrefix.err()).contains("--prefix").contains("28x");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("rules", "test", "deploy", "unblock", "alerts")) {
            CommandRun run = CommandRun.of("fraud", command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: tollgate fraud " + command);
        }
    }
}
