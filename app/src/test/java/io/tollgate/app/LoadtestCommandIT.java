package io.tollgate.app;

import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short load test, seconds long, on the local stack's Kafka: the agent (its own process) through the simulator
 * with the ordinary mix of outcomes and a fraud scenario, and nothing may leak or go missing.
 */
class LoadtestCommandIT {
    @TempDir
    Path dir;

    @Test
    void aShortRunLeavesNothingOpenAndEveryCallsEventsArriveAndMatchTheGroundTruth() throws Exception {
        String bootstrap = LocalStack.kafkaBootstrap();
        LocalStack.ensureTopics(bootstrap, Topics.CALL_EVENTS, Topics.INSTRUCTIONS, Topics.INSTRUCTION_ACKS,
                Topics.DEAD_LETTER);
        Path truth = dir.resolve("truth.csv");

        CommandRun run = CommandRun.of("loadtest", "--config", LocalStack.checkout().resolve("tollgate.yaml").toString(),
                "--cps", "20", "--duration", "PT12S", "--talk", "2,4", "--sim-talk-time", "PT3S", "--scenario", "wangiri", "--truth",
                truth.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("left open on the switch: 0 channels, 0 bridges", "calls missing events:    0");
        List<String> rows = Files.readAllLines(truth);
        long placed = Long.parseLong(run.out().replaceAll("(?s).*calls placed: +(\\d+).*", "$1"));
        assertThat(rows).hasSize((int) placed + 1);
        assertThat(rows).anyMatch(r -> r.contains(",wangiri,")).anyMatch(r -> r.contains(",normal,"))
                .anyMatch(r -> r.endsWith(",17,,,")).anyMatch(r -> r.contains(",16,"));
    }
}
