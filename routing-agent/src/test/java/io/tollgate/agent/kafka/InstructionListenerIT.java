package io.tollgate.agent.kafka;

import io.tollgate.agent.AgentMetrics;
import io.tollgate.agent.InstructionBook;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterJson;
import io.tollgate.ingest.deadletter.Origin;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.kafka.Producers;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The instruction listener against the real Kafka of infra/stack. The instructions topic is shared and compacted,
 * so the test's instructions are about vendors of its own, and their keys are deleted (tombstoned) afterwards.
 */
class InstructionListenerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String bootstrap;

    private final String run = UUID.randomUUID().toString();
    private final String agentId = "it-agent-" + run;
    private final InstructionBook book = new InstructionBook();
    private final AgentMetrics metrics = new AgentMetrics();
    private final List<String> keys = new ArrayList<>();
    private InstructionPublisher publisher;
    private KafkaProducer<String, byte[]> raw;
    private InstructionListener listener;

    @BeforeAll
    static void topics() throws Exception {
        bootstrap = LocalStack.kafkaBootstrap();
        StackTopics.ensure(bootstrap, Topics.INSTRUCTIONS, Topics.INSTRUCTION_ACKS, Topics.DEAD_LETTER);
    }

    @BeforeEach
    void connect() {
        publisher = InstructionPublisher.connect(bootstrap);
        raw = Producers.reliable(bootstrap, Duration.ofSeconds(30));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (listener != null) {
            listener.close();
        }
        for (String key : keys) {
            raw.send(new ProducerRecord<>(Topics.INSTRUCTIONS, key, null)).get();
        }
        raw.close();
        publisher.close();
    }

    @Test
    void replaysAtStartThenAppliesAndAcknowledgesLiveInstructions() throws Exception {
        publish(block("replayed"));

        try (TopicTail acks = new TopicTail(bootstrap, Topics.INSTRUCTION_ACKS)) {
            listener = InstructionListener.start(bootstrap, book, agentId, metrics);
            assertThat(listener.awaitCaughtUp(WAIT)).isTrue();
            assertThat(blocked()).contains(vendor("replayed"));

            Block live = block("live");
            publish(live);

            Await.until(WAIT, () -> blocked().contains(vendor("live")), "the live block applied");
            InstructionAck ack = InstructionAck.fromJson(acks.await(r -> live.subject().equals(r.key())
                    && agentId.equals(InstructionAck.fromJson(r.value()).agentId()), WAIT).value());
            assertThat(ack.subject()).isEqualTo(live.subject());
            assertThat(ack.version()).isEqualTo(1);
            assertThat(ack.type()).isEqualTo("block");
            assertThat(ack.lagMs()).isBetween(0L, WAIT.toMillis());
            assertThat(ack.appliedAt()).isBefore(Instant.now().plusSeconds(1));
            assertThat(metrics.instructionLag().count()).as("the live one only").isEqualTo(1);
            assertThat(metrics.scrape()).contains("tollgate_agent_instruction_lag_seconds_count 1");
        }
    }

    @Test
    void aRecordThatIsNotAnInstructionIsDeadLetteredAndTheNextIsStillApplied() throws Exception {
        listener = InstructionListener.start(bootstrap, book, agentId, metrics);
        assertThat(listener.awaitCaughtUp(WAIT)).isTrue();

        try (TopicTail letters = new TopicTail(bootstrap, Topics.DEAD_LETTER)) {
            String key = "it-garbage-" + run;
            keys.add(key);
            RecordMetadata garbage = raw.send(new ProducerRecord<>(Topics.INSTRUCTIONS, key,
                    "this is not an instruction".getBytes(StandardCharsets.UTF_8))).get();
            publish(block("after-garbage"));

            Await.until(WAIT, () -> blocked().contains(vendor("after-garbage")), "the next block applied");
            Origin origin = Origin.topicOffset(Topics.INSTRUCTIONS, garbage.partition(), garbage.offset());
            DeadLetter letter = DeadLetterJson.decode(letters.await(r -> Topics.INSTRUCTIONS.equals(r.key())
                    && DeadLetterJson.decode(r.value()).origin().equals(origin)
                    && DeadLetterJson.decode(r.value()).refusedBy().endsWith(agentId), WAIT).value());
            assertThat(letter.raw()).isEqualTo("this is not an instruction");
            assertThat(letter.reason()).contains("cannot decode Instruction");
        }
    }

    private Block block(String name) {
        return new Block(null, null, vendor(name), "instruction listener IT", 1, "it", Instant.now());
    }

    private String vendor(String name) {
        return "it-" + name + "-" + run;
    }

    private void publish(Instruction instruction) throws Exception {
        keys.add(instruction.subject());
        publisher.publish(instruction);
    }

    private List<String> blocked() {
        return book.routingBlocks("any-customer").stream().map(io.tollgate.core.routing.Block::vendor).toList();
    }
}
