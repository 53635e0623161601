package io.tollgate.agent.kafka;

import ch.qos.logback.classic.Level;
import io.tollgate.agent.AgentMetrics;
import io.tollgate.agent.InstructionBook;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterException;
import io.tollgate.ingest.deadletter.DeadLetters;
import io.tollgate.ingest.deadletter.Origin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** One instruction record at a time, with plain objects: apply, acknowledge, measure, or dead-letter. */
class InstructionIntakeTest {
    private static final String TOPIC = "tollgate.instructions";
    private static final Instant NOW = Instant.parse("2025-06-01T12:05:02Z");
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:05:01Z");

    private final InstructionBook book = new InstructionBook();
    private final List<InstructionAck> acks = new ArrayList<>();
    private final Letters letters = new Letters();
    private final AgentMetrics metrics = new AgentMetrics();
    private final LogCapture log = new LogCapture(InstructionIntake.class);
    private final InstructionIntake intake = new InstructionIntake("agent-1", book, acks::add, letters, metrics,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Test
    void anInstructionIsAppliedAndAcknowledgedWithItsLag() {
        Block block = new Block(null, null, "carrier-z", "fraud", 1, "analyst", ISSUED);

        intake.accept(record(0, block, NOW.minusMillis(1500)), true);

        assertThat(book.routingBlocks("acme")).contains(new io.tollgate.core.routing.Block("carrier-z", null));
        assertThat(acks).containsExactly(new InstructionAck("block:vendor:carrier-z", 1, "block", "agent-1", NOW, 1500));
        assertThat(metrics.instructionLag().count()).isEqualTo(1);
        assertThat(metrics.instructionLag().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(metrics.instructions("applied").count()).isEqualTo(1);
    }

    @Test
    void aReplayedInstructionIsAcknowledgedButItsAgeIsNotCountedAsLag() {
        Block block = new Block(null, null, "carrier-z", "fraud", 1, "analyst", ISSUED);

        intake.accept(record(0, block, NOW.minusSeconds(86_400)), false);

        assertThat(acks).singleElement().extracting(InstructionAck::lagMs).isEqualTo(86_400_000L);
        assertThat(metrics.instructionLag().count()).isZero();
    }

    @Test
    void anInstructionNotNewerThanTheOneHeldChangesNothingAndIsNotAcknowledged() {
        intake.accept(record(0, new Unblock(null, null, "carrier-z", "cleared", 2, "analyst", ISSUED), NOW), true);

        intake.accept(record(1, new Block(null, null, "carrier-z", "fraud", 1, "analyst", ISSUED), NOW), true);

        assertThat(book.routingBlocks("acme")).isEmpty();
        assertThat(acks).extracting(InstructionAck::version).containsExactly(2L);
        assertThat(metrics.instructions("superseded").count()).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNotAnInstructionIsDeadLetteredWithItsOriginAndTheNextIsStillApplied() {
        intake.accept(raw(41, "{\"v\":1,\"kind\":\"block\"", NOW), true);
        intake.accept(record(42, new Block(null, null, "carrier-z", "fraud", 1, "analyst", ISSUED), NOW), true);
        intake.flushDeadLetters();

        DeadLetter letter = letters.refused.get(0);
        assertThat(letter.origin()).isEqualTo(Origin.topicOffset(TOPIC, 2, 41));
        assertThat(letter.raw()).isEqualTo("{\"v\":1,\"kind\":\"block\"");
        assertThat(letter.reason()).contains("cannot decode Instruction");
        assertThat(letter.refusedBy()).isEqualTo("routing-agent/agent-1");
        assertThat(letters.flushes).isEqualTo(1);
        assertThat(log.messages(Level.ERROR)).singleElement().asString().contains(TOPIC + "/2@41");
        assertThat(metrics.instructions("refused").count()).isEqualTo(1);
        assertThat(book.routingBlocks("acme")).hasSize(1);
    }

    @Test
    void aDeadLetterThatCannotBeStoredIsStillLoggedAndDoesNotStopTheIntake() {
        letters.broken = true;

        intake.accept(raw(7, "garbage", NOW), true);
        intake.flushDeadLetters();
        intake.accept(record(8, new Block(null, null, "carrier-z", "fraud", 1, "analyst", ISSUED), NOW), true);

        assertThat(log.messages(Level.ERROR)).anyMatch(m -> m.contains("raw: garbage"))
                .anyMatch(m -> m.contains("could not be sent"));
        assertThat(acks).hasSize(1);
    }

    @Test
    void aTombstoneIsIgnoredWithAWarning() {
        intake.accept(new ConsumerRecord<>(TOPIC, 0, 3, NOW.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0,
                "block:vendor:carrier-z", null, new RecordHeaders(), Optional.empty()), true);

        assertThat(letters.refused).isEmpty();
        assertThat(acks).isEmpty();
        assertThat(log.messages(Level.WARN)).singleElement().asString().contains("tombstone");
    }

    @Test
    void anInstructionWhoseListenerThrowsIsReportedAndTheNextIsApplied() {
        book.onDeckActivation(a -> {
            throw new IllegalStateException("deck store down");
        });

        intake.accept(record(0, new DeckActivation(Party.VENDOR, "carrier-b", "carrier-b-17", 17, "trader", ISSUED),
                NOW), true);
        intake.accept(record(1, new Block(null, null, "carrier-z", "fraud", 1, "analyst", ISSUED), NOW), true);

        assertThat(metrics.instructions("failed").count()).isEqualTo(1);
        assertThat(log.messages(Level.ERROR)).singleElement().asString().contains("deck:vendor:carrier-b");
        assertThat(acks).extracting(InstructionAck::type).containsExactly("block");
    }

    private static ConsumerRecord<String, byte[]> record(long offset, Instruction instruction, Instant published) {
        return new ConsumerRecord<>(TOPIC, 2, offset, published.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0,
                instruction.subject(), JsonCodec.INSTRUCTION.encode(instruction), new RecordHeaders(), Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> raw(long offset, String value, Instant published) {
        return new ConsumerRecord<>(TOPIC, 2, offset, published.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0,
                "garbage", value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), Optional.empty());
    }

    /** Dead letters kept in memory; {@code broken} refuses them as an unreachable Kafka would. */
    private static final class Letters implements DeadLetters {
        final List<DeadLetter> refused = new ArrayList<>();
        int flushes;
        boolean broken;

        @Override
        public void refuse(DeadLetter letter) throws DeadLetterException {
            if (broken) {
                throw new DeadLetterException("cannot publish to tollgate.dead-letter: timed out", null);
            }
            refused.add(letter);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public String describe() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }
}
