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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop on the local stack's Kafka and ClickHouse: the routing agent (its own process) takes calls from
 * the switch simulator, the fraud job (a MiniCluster in this process) watches its call events, and an IRSF attack
 * after a clean minute and a half is alerted, blocked by the job, applied by the agent, and the attack's later calls
 * are refused while the clean traffic goes on.
 */
class FraudLoopIT {
    private static final String BLOCK_SUBJECT = "block:customer:" + LoadtestConfig.CUSTOMER + ":destination:2899";

    @TempDir
    Path dir;

    @Test
    void anAttackAfterCleanTrafficIsAlertedBlockedAndRefusedWhileCleanTrafficGoesOn() throws Exception {
        try (FraudLoop loop = new FraudLoop(dir)) {
            Path truth = dir.resolve("truth.csv");
            CommandRun loadtest = loop.loadtest(truth, "--cps", "8", "--duration", "PT150S", "--talk", "20,30",
                    "--sim-talk-time", "PT20S", "--scenario", "irsf", "--scenario-at", "PT90S");
            assertThat(loadtest.exitCode()).as(loadtest.out() + loadtest.err()).isZero();

            List<FraudAlert> alerts = loop.alerts().stream().map(FraudLoop.Timed::value).toList();
            assertThat(alerts).extracting(FraudLoop::key)
                    .as("the clean traffic raised nothing, the attack exactly its alert: %s", alerts)
                    .isNotEmpty().containsOnly("irsf|loadtest|2899");
            Instant applied = loop.blockApplied(BLOCK_SUBJECT)
                    .orElseThrow(() -> new AssertionError("the agent never applied " + BLOCK_SUBJECT));

            List<CsvRecord> attack = FraudLoop.calls(truth, "irsf");
            Instant first = Instant.parse(attack.get(0).get("placed_at"));
            assertThat(attack).filteredOn(c -> Instant.parse(c.get("placed_at")).isBefore(first.plusSeconds(1)))
                    .as("the attack's first calls went through").isNotEmpty()
                    .allMatch(c -> !c.get("answered_at").isEmpty());
            List<CsvRecord> after = attack.stream()
                    .filter(c -> Instant.parse(c.get("placed_at")).isAfter(applied.plusSeconds(1))).toList();
            assertThat(after).as("calls of the attack after the block reached the agent at %s", applied)
                    .hasSizeGreaterThan(50)
                    .allSatisfy(c -> assertThat(c.get("answered_at")).as("call " + c.get("call_no")).isEmpty());
            assertThat(FraudLoop.calls(truth, "normal").stream().filter(c -> !c.get("answered_at").isEmpty()).count())
                    .as("clean calls were answered throughout").isGreaterThan(600);
            assertThat(new FraudAlertTable(loop.database).recent(10)).singleElement().satisfies(a -> {
                assertThat(a.action()).isEqualTo("block");
                assertThat(a.status()).isEqualTo("open");
                assertThat(a.raisedAt()).as("raised by the attack's first calls, not later")
                        .isBetween(first, applied.plusSeconds(5));
                assertThat(a.updatedAt()).isAfterOrEqualTo(a.raisedAt());
            });

            Instant alerted = loop.alerts().get(0).at();
            System.out.printf("fraud loop: first IRSF call placed %s; alert on Kafka +%d ms; block applied at the"
                    + " agent +%d ms (calls of the attack: %d, refused after the block: %d)%n", first,
                    Duration.between(first, alerted).toMillis(), Duration.between(first, applied).toMillis(),
                    attack.size(), after.size());
        }
    }
}
