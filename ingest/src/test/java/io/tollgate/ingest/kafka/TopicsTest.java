package io.tollgate.ingest.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout `tollgate topics create` applies: every contract topic once, only the instructions compacted. */
class TopicsTest {
    private final Map<String, TopicSpec> layout = Topics.layout(4, (short) 3, Duration.ofHours(168)).stream()
            .collect(Collectors.toMap(TopicSpec::name, Function.identity()));

    @Test
    void everyContractTopicIsLaidOutOnce() {
        assertThat(layout.keySet()).containsExactlyInAnyOrder("tollgate.call-events", "tollgate.cdrs",
                "tollgate.rated-cdrs", "tollgate.fraud-alerts", "tollgate.instructions", "tollgate.dead-letter",
                "tollgate.instruction-acks", "tollgate.vendor-quality", "tollgate.fraud-rules");
        assertThat(Topics.ALL).doesNotHaveDuplicates().hasSameSizeAs(layout.keySet());
    }

    @Test
    void onlyTheInstructionsAndFraudRulesAreCompacted() {
        List<String> compacted = List.of(Topics.INSTRUCTIONS, Topics.FRAUD_RULES);
        compacted.forEach(name -> assertThat(layout.get(name).configs()).as(name)
                .containsEntry("cleanup.policy", "compact")
                .doesNotContainKey("retention.ms"));
        layout.values().stream().filter(t -> !compacted.contains(t.name())).forEach(t ->
                assertThat(t.configs()).as(t.name())
                        .containsEntry("cleanup.policy", "delete")
                        .containsEntry("retention.ms", Long.toString(Duration.ofHours(168).toMillis())));
    }

    @Test
    void instructionAcksAreAsPartitionedAndReplicatedAsTheStreams() {
        TopicSpec acks = layout.get(Topics.INSTRUCTION_ACKS);

        assertThat(acks.partitions()).isEqualTo(4);
        assertThat(acks.replication()).isEqualTo((short) 3);
        assertThat(acks.configs()).containsEntry("min.insync.replicas", "2");
    }
}
