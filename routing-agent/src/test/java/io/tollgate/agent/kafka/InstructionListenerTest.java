package io.tollgate.agent.kafka;

import io.tollgate.agent.AgentMetrics;
import io.tollgate.agent.InstructionBook;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener's thread against a mock consumer: replay, caught-up, live instructions, close. */
class InstructionListenerTest {
    private static final String TOPIC = "tollgate.instructions";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final InstructionBook book = new InstructionBook();
    private final List<InstructionAck> acks = new CopyOnWriteArrayList<>();
    private final AgentMetrics metrics = new AgentMetrics();
    private InstructionListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void replaysEveryPartitionFromTheBeginningThenIsCaughtUp() throws Exception {
        topicWith(Map.of(P0, 2L, P1, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, block("carrier-a", 1)));
            consumer.addRecord(record(P0, 1, block("carrier-b", 1)));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(record(P1, 0, block("carrier-c", 1))));

        listener = start();

        assertThat(listener.awaitCaughtUp(WAIT)).isTrue();
        assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
        assertThat(book.routingBlocks("acme")).extracting(io.tollgate.core.routing.Block::vendor)
                .containsExactlyInAnyOrder("carrier-a", "carrier-b", "carrier-c");
        assertThat(acks).hasSize(3);
        assertThat(metrics.instructionLag().count()).as("replay is not lag").isZero();
    }

    @Test
    void isNotCaughtUpBeforeTheEndOffsetsSeenAtStartAreReached() throws Exception {
        topicWith(Map.of(P0, 2L, P1, 0L));
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 0, block("carrier-a", 1))));

        listener = start();
        Await.until(WAIT, () -> acks.size() == 1, "the first record applied");

        assertThat(listener.caughtUp()).isFalse();
        consumer.schedulePollTask(() -> consumer.addRecord(record(P0, 1, block("carrier-b", 1))));
        assertThat(listener.awaitCaughtUp(WAIT)).isTrue();
    }

    @Test
    void anEmptyTopicIsCaughtUpAtOnce() throws Exception {
        topicWith(Map.of(P0, 0L, P1, 0L));

        listener = start();

        assertThat(listener.awaitCaughtUp(WAIT)).isTrue();
    }

    @Test
    void anInstructionPublishedAfterTheStartIsAppliedLiveAndItsLagMeasured() throws Exception {
        topicWith(Map.of(P0, 0L, P1, 0L));
        listener = start();
        assertThat(listener.awaitCaughtUp(WAIT)).isTrue();

        consumer.schedulePollTask(() -> consumer.addRecord(record(P1, 0, block("carrier-live", 1))));

        Await.until(WAIT, () -> acks.size() == 1, "the live instruction acknowledged");
        assertThat(acks.get(0).subject()).isEqualTo("block:vendor:carrier-live");
        assertThat(metrics.instructionLag().count()).isEqualTo(1);
    }

    @Test
    void waitsForAMissingTopicAndClosesWhileWaiting() throws Exception {
        listener = start();

        assertThat(listener.awaitCaughtUp(Duration.ofMillis(300))).isFalse();
        listener.close();

        Await.until(WAIT, consumer::closed, "the consumer closed");
        assertThat(listener.caughtUp()).isFalse();
    }

    @Test
    void closeStopsTheThreadAndClosesTheConsumer() throws Exception {
        topicWith(Map.of(P0, 0L, P1, 0L));
        listener = start();
        assertThat(listener.awaitCaughtUp(WAIT)).isTrue();

        listener.close();

        assertThat(consumer.closed()).isTrue();
    }

    private InstructionListener start() {
        InstructionIntake intake = new InstructionIntake("agent-1", book, acks::add, new NoLetters(), metrics,
                Clock.systemUTC());
        return new InstructionListener(consumer, TOPIC, intake, List.of()).listen();
    }

    private void topicWith(Map<TopicPartition, Long> ends) {
        consumer.updatePartitions(TOPIC, ends.keySet().stream()
                .map(p -> new PartitionInfo(TOPIC, p.partition(), Node.noNode(), new Node[0], new Node[0])).toList());
        consumer.updateBeginningOffsets(ends.keySet().stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> 0L)));
        consumer.updateEndOffsets(ends);
    }

    private static Block block(String vendor, long version) {
        return new Block(null, null, vendor, "test", version, "analyst", Instant.now());
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, Instruction instruction) {
        return new ConsumerRecord<>(TOPIC, partition.partition(), offset, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, 0, 0, instruction.subject(), JsonCodec.INSTRUCTION.encode(instruction),
                new RecordHeaders(), Optional.empty());
    }

    private static final class NoLetters implements DeadLetters {
        @Override
        public void refuse(DeadLetter letter) {
            throw new AssertionError("unexpected dead letter: " + letter);
        }

        @Override
        public void flush() {
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public void close() {
        }
    }
}
