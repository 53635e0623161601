package io.tollgate.ingest.config;

import java.time.Duration;
import java.util.Set;

/** Reads {@code topics:}; every key is optional and falls back to {@link TopicSettings#DEFAULT}. */
final class TopicsReader {
    private static final Set<String> KEYS = Set.of("partitions", "replication", "retention_hours");

    TopicSettings read(ConfigNode node) {
        node.mapping(KEYS, false);
        TopicSettings d = TopicSettings.DEFAULT;
        Integer partitions = node.get("partitions").optional(ValueFormat.wholeNumber(1, 10_000), d.partitions());
        Integer replication = node.get("replication").optional(ValueFormat.wholeNumber(1, 5), (int) d.replication());
        Integer hours = node.get("retention_hours").optional(ValueFormat.wholeNumber(1), (int) d.retention().toHours());
        if (partitions == null || replication == null || hours == null) {
            return d; // the bad value is reported; loading fails with it
        }
        return new TopicSettings(partitions, replication.shortValue(), Duration.ofHours(hours));
    }
}
