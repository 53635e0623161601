package io.tollgate.app;

import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.fraud.FraudAlert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 8's latency targets, end to end on the local stack: the first call of an attack → its alert on Kafka
 * (goal < 5 s) → its block applied at the routing agent (goal < 10 s), for three attacks of the simulator switched
 * on together after clean traffic. The baseline in the same run: the loadtest's own instruction lag, a block
 * published straight to the agent (publish → applied). Run by {@code bench/fraud}.
 */
public final class FraudLatencyBench {
    /** Scenario of the simulator → the rule that should catch it. */
    private static final Map<String, String> ATTACKS = new LinkedHashMap<>(Map.of("irsf", "irsf",
            "wangiri", "wangiri", "sequential", "sequential-dialling"));

    private FraudLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fraud-latency");
        try (FraudLoop loop = new FraudLoop(dir)) {
            Path truth = dir.resolve("truth.csv");
            CommandRun loadtest = loop.loadtest(truth, "--cps", "8", "--duration", "PT80S", "--talk", "20,30",
                    "--sim-talk-time", "PT20S", "--scenario", "irsf", "--scenario", "wangiri", "--scenario",
                    "sequential", "--scenario-at", "PT40S");
            System.out.println(loadtest.out());
            List<FraudLoop.Timed<FraudAlert>> alerts = loop.alerts();
            System.out.printf("%-12s %-20s %-16s %26s %18s %22s%n", "attack", "rule", "subject", "first call placed",
                    "-> alert on Kafka", "-> block at the agent");
            for (Map.Entry<String, String> attack : ATTACKS.entrySet()) {
                report(loop, truth, attack.getKey(), attack.getValue(), alerts);
            }
            alerts.stream().map(a -> FraudLoop.key(a.value())).distinct()
                    .forEach(k -> System.out.println("alert raised: " + k));
        }
    }

    private static void report(FraudLoop loop, Path truth, String scenario, String rule,
                               List<FraudLoop.Timed<FraudAlert>> alerts) throws Exception {
        List<CsvRecord> calls = FraudLoop.calls(truth, scenario);
        if (calls.isEmpty()) {
            System.out.printf("%-12s no calls placed%n", scenario);
            return;
        }
        Instant first = Instant.parse(calls.get(0).get("placed_at"));
        Optional<FraudLoop.Timed<FraudAlert>> alert = alerts.stream()
                .filter(a -> a.value().ruleId().equals(rule)).findFirst();
        if (alert.isEmpty()) {
            System.out.printf("%-12s %-20s no alert%n", scenario, rule);
            return;
        }
        String subject = alert.get().value().subject();
        Optional<Instant> applied = loop.blockApplied("block:customer:" + LoadtestConfig.CUSTOMER + ":destination:"
                + subject);
        System.out.printf("%-12s %-20s %-16s %26s %15d ms %19s%n", scenario, rule, subject, first,
                Duration.between(first, alert.get().at()).toMillis(),
                applied.map(t -> Duration.between(first, t).toMillis() + " ms").orElse("no block"));
    }
}
