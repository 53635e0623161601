package io.tollgate.agent.kafka;

import io.tollgate.agent.AgentMetrics;
import io.tollgate.agent.InstructionBook;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterException;
import io.tollgate.ingest.deadletter.DeadLetters;
import io.tollgate.ingest.deadletter.Origin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the instruction listener does with one record, apart from Kafka: decode, apply to the book, acknowledge and
 * measure; or dead-letter a record that is not an instruction. Nothing a record holds stops the records after it.
 */
final class InstructionIntake {
    private static final Logger LOG = LoggerFactory.getLogger(InstructionIntake.class);
    private static final int LOGGED_RAW = 1000;

    private final String agentId;
    private final InstructionBook book;
    private final Consumer<InstructionAck> acks;
    private final DeadLetters deadLetters;
    private final AgentMetrics metrics;
    private final Clock clock;
    private boolean refusedSinceFlush;

    InstructionIntake(String agentId, InstructionBook book, Consumer<InstructionAck> acks, DeadLetters deadLetters,
            AgentMetrics metrics, Clock clock) {
        this.agentId = Objects.requireNonNull(agentId, "agentId");
        this.book = book;
        this.acks = acks;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Applies the instruction {@code record} holds. {@code live}: it was published after the listener started, so
     * its lag measures delivery; a replayed one's lag is only its age and would swamp the lag percentiles.
     */
    void accept(ConsumerRecord<String, byte[]> record, boolean live) {
        if (record.value() == null) {
            // A compaction tombstone. The book has no removal: instructions are lifted by an unblock or a newer
            // version, which every agent applies alike; a tombstone would be seen only by agents that start later.
            metrics.instructions("tombstone").increment();
            LOG.warn("ignored a tombstone for {} at {}: lift an instruction with a newer one instead", record.key(),
                    where(record));
            return;
        }
        Instruction instruction;
        try {
            instruction = JsonCodec.INSTRUCTION.decode(record.value());
        } catch (CodecException e) {
            refuse(record, e.getMessage());
            return;
        }
        if (!instruction.subject().equals(record.key())) {
            LOG.warn("instruction at {} is keyed {} but its subject is {}: compaction may drop it", where(record),
                    record.key(), instruction.subject());
        }
        boolean applied;
        try {
            applied = book.apply(instruction);
        } catch (RuntimeException e) {
            metrics.instructions("failed").increment();
            LOG.error("applying {} v{} from {} failed", instruction.subject(), instruction.version(), where(record), e);
            return;
        }
        if (!applied) {
            metrics.instructions("superseded").increment();
            LOG.debug("{} v{} at {} is not newer than the one held", instruction.subject(), instruction.version(),
                    where(record));
            return;
        }
        Instant appliedAt = clock.instant();
        long lagMs = appliedAt.toEpochMilli() - record.timestamp();
        metrics.instructions("applied").increment();
        if (live) {
            metrics.instructionLag().record(Math.max(0, lagMs), TimeUnit.MILLISECONDS);
            LOG.info("applied {} v{} from {} {} ms after it was published", instruction.subject(),
                    instruction.version(), instruction.issuer(), lagMs);
        }
        acks.accept(InstructionAck.of(instruction, agentId, appliedAt, lagMs));
    }

    /** Makes sure the letters of the records accepted so far are stored; reports, never throws, if they are not. */
    void flushDeadLetters() {
        if (!refusedSinceFlush) {
            return;
        }
        refusedSinceFlush = false;
        try {
            deadLetters.flush();
        } catch (DeadLetterException e) {
            LOG.error("refused instructions could not be stored in {} (they are logged above): {}",
                    deadLetters.describe(), e.getMessage());
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, String reason) {
        metrics.instructions("refused").increment();
        String raw = new String(record.value(), StandardCharsets.UTF_8);
        LOG.error("refused the record at {} (key {}): {}; raw: {}", where(record), record.key(), reason,
                raw.length() <= LOGGED_RAW ? raw : raw.substring(0, LOGGED_RAW) + "...");
        try {
            deadLetters.refuse(new DeadLetter(Origin.topicOffset(record.topic(), record.partition(), record.offset()),
                    raw, reason, "routing-agent/" + agentId, "", clock.instant()));
            refusedSinceFlush = true;
        } catch (DeadLetterException e) {
            LOG.error("the record at {} could not be sent to {}: {}", where(record), deadLetters.describe(),
                    e.getMessage());
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }
}
