package io.tollgate.ingest.config;

import java.time.Duration;

/**
 * How {@code tollgate topics create} lays out the topics: the {@code topics:} section of {@code tollgate.yaml}.
 * Defaults suit one local broker; a three-broker cluster wants {@code replication: 3}.
 */
public record TopicSettings(int partitions, short replication, Duration retention) {
    public static final TopicSettings DEFAULT = new TopicSettings(4, (short) 1, Duration.ofHours(168));
}
