package io.tollgate.app;

import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.ingest.clickhouse.FraudAlertTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop on the local stack's Kafka and ClickHouse: the routing agent (its own process) takes calls from
 * the switch simulator, the fraud job (a MiniCluster in this process) watches its call events. After a minute and a
 * half of clean traffic, three attacks start at once (IRSF, wangiri, sequential dialling): each is alerted, blocked
 * by the job, applied by the agent, and its later calls are refused while the clean traffic goes on.
 */
class FraudLoopIT {
    /** Scenario of the simulator → the rule that catches it and the prefix its alerts are about. */
    private static final Map<String, String[]> ATTACKS = Map.of(
            "irsf", new String[] {"irsf", "2899"},
            "wangiri", new String[] {"wangiri", "2800"},
            "sequential", new String[] {"sequential-dialling", "28030"});

    @TempDir
    Path dir;

    @Test
    void attacksAfterCleanTrafficAreAlertedBlockedAndRefusedWhileCleanTrafficGoesOn() throws Exception {
        try (FraudLoop loop = new FraudLoop(dir)) {
            Path truth = dir.resolve("truth.csv");
            CommandRun loadtest = loop.loadtest(truth, "--cps", "8", "--duration", "PT150S", "--talk", "20,30",
                    "--sim-talk-time", "PT20S", "--scenario", "irsf", "--scenario", "wangiri", "--scenario",
                    "sequential", "--scenario-at", "PT90S");
            assertThat(loadtest.exitCode()).as(loadtest.out() + loadtest.err()).isZero();

            List<FraudAlert> alerts = loop.alerts().stream().map(FraudLoop.Timed::value).toList();
            assertThat(alerts).as("the clean traffic raised nothing: %s", alerts)
                    .allSatisfy(a -> assertThat(ATTACKS.values()).anySatisfy(rule -> {
                        assertThat(a.ruleId()).isEqualTo(rule[0]);
                        assertThat(a.subject()).startsWith(rule[1]);
                    }));
            for (Map.Entry<String, String[]> attack : ATTACKS.entrySet()) {
                assertCaughtAndRefused(loop, truth, attack.getKey(), attack.getValue()[0], alerts);
            }
            assertThat(FraudLoop.calls(truth, "normal").stream().filter(c -> !c.get("answered_at").isEmpty()).count())
                    .as("clean calls were answered throughout").isGreaterThan(600);
            assertThat(new FraudAlertTable(loop.database).recent(20)).hasSameSizeAs(alerts.stream()
                    .map(FraudLoop::key).distinct().toList()).allSatisfy(a -> {
                        assertThat(a.action()).isEqualTo("block");
                        assertThat(a.status()).isEqualTo("open");
                        assertThat(a.raisedAt()).isAfter(loop.start).isBeforeOrEqualTo(a.updatedAt());
                    });
        }
    }

    /** Each range the attack's alerts name was blocked at the agent; its calls placed after that went nowhere. */
    private static void assertCaughtAndRefused(FraudLoop loop, Path truth, String scenario, String rule,
                                               List<FraudAlert> alerts) throws Exception {
        List<CsvRecord> calls = FraudLoop.calls(truth, scenario);
        Instant first = Instant.parse(calls.get(0).get("placed_at"));
        List<String> subjects = alerts.stream().filter(a -> a.ruleId().equals(rule)).map(FraudAlert::subject)
                .distinct().toList();
        assertThat(subjects).as(scenario + " alerted").isNotEmpty();
        for (String subject : subjects) {
            Instant applied = loop.blockApplied("block:customer:" + LoadtestConfig.CUSTOMER + ":destination:" + subject)
                    .orElseThrow(() -> new AssertionError("the agent never applied the block of " + subject));
            List<CsvRecord> after = calls.stream().filter(c -> c.get("b_number").startsWith(subject))
                    .filter(c -> Instant.parse(c.get("placed_at")).isAfter(applied.plusSeconds(1))).toList();
            assertThat(after).as("%s calls to %s after the block reached the agent at %s", scenario, subject, applied)
                    .hasSizeGreaterThan(20)
                    .allSatisfy(c -> assertThat(c.get("answered_at")).as("call " + c.get("call_no")).isEmpty());
            System.out.printf("fraud loop: %s (%s %s): first call %s, block applied at the agent +%d ms, %d later"
                    + " calls refused%n", scenario, rule, subject, first, Duration.between(first, applied).toMillis(),
                    after.size());
        }
        assertThat(calls).filteredOn(c -> Instant.parse(c.get("placed_at")).isBefore(first.plusMillis(500)))
                .as("the %s attack's first calls were carried", scenario)
                .anyMatch(c -> !c.get("answered_at").isEmpty());
    }
}
