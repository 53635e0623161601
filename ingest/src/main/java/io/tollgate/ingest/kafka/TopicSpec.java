package io.tollgate.ingest.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How one topic is laid out: partitions, replication, retention, and whether it is compacted (the latest value
 * per key kept forever, as instructions need: an agent that starts reads every standing block).
 */
public record TopicSpec(String name, int partitions, short replication, Duration retention, boolean compacted) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1, got " + partitions);
        }
        if (replication < 1) {
            throw new IllegalArgumentException(name + ": replication must be at least 1, got " + replication);
        }
    }

    /** Topic-level configs as Kafka names them. */
    public Map<String, String> configs() {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", compacted ? "compact" : "delete");
        if (!compacted) {
            configs.put("retention.ms", Long.toString(retention.toMillis()));
        }
        if (replication > 1) {
            // with three brokers, an acknowledged record survives the loss of one
            configs.put("min.insync.replicas", "2");
        }
        return configs;
    }
}
