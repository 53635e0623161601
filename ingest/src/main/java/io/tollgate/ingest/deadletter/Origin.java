package io.tollgate.ingest.deadletter;

import java.util.Objects;

/**
 * Where a refused input came from: a file and the line its record starts on, or a topic, partition and offset.
 * Exactly one of the two shapes is set, so a reader can always go back to the input.
 */
public record Origin(String file, Long line, String topic, Integer partition, Long offset) {

    public Origin {
        boolean isFile = file != null && line != null && topic == null && partition == null && offset == null;
        boolean isTopic = file == null && line == null && topic != null && partition != null && offset != null;
        if (!isFile && !isTopic) {
            throw new IllegalArgumentException("an origin is either file and line, or topic, partition and offset");
        }
    }

    public static Origin fileLine(String file, long line) {
        return new Origin(Objects.requireNonNull(file, "file"), line, null, null, null);
    }

    public static Origin topicOffset(String topic, int partition, long offset) {
        return new Origin(null, null, Objects.requireNonNull(topic, "topic"), partition, offset);
    }

    public boolean inFile() {
        return file != null;
    }

    /** The file or the topic: the dead-letter topic's key, so one input's refusals stay in order. */
    public String source() {
        return inFile() ? file : topic;
    }

    /** The line, or the offset. */
    public long position() {
        return inFile() ? line : offset;
    }

    @Override
    public String toString() {
        return inFile() ? file + ":" + line : topic + "/" + partition + "@" + offset;
    }
}
