package io.tollgate.agent.kafka;

import io.tollgate.agent.AgentMetrics;
import io.tollgate.ingest.kafka.Producers;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Publishes instruction acknowledgements on {@code tollgate.instruction-acks}, keyed by subject, from a queue of its
 * own: the instruction listener must go on applying instructions (a fraud block) whatever Kafka does with the
 * acks, even when the acks topic does not exist yet and every send waits for its metadata. An ack that cannot be
 * published is logged and counted; the instruction stays applied.
 */
final class KafkaInstructionAcks implements Consumer<InstructionAck>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaInstructionAcks.class);
    static final int CAPACITY = 10_000;
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final AgentMetrics metrics;
    private final ProducerQueue<InstructionAck> queue;

    KafkaInstructionAcks(Producer<String, byte[]> producer, String topic, AgentMetrics metrics) {
        this.topic = topic;
        this.metrics = metrics;
        this.queue = ProducerQueue.start("instruction-acks-publisher", producer, CAPACITY,
                ack -> new ProducerRecord<>(topic, ack.subject(), ack.toJson()),
                new ProducerQueue.Outcome<>() {
                    @Override
                    public void delivered(InstructionAck ack, long nanos) {
                    }

                    @Override
                    public void failed(InstructionAck ack, Exception cause) {
                        lost(ack, cause.toString());
                    }
                });
    }

    static KafkaInstructionAcks connect(String bootstrap, String topic, AgentMetrics metrics) {
        return new KafkaInstructionAcks(Producers.reliable(bootstrap, PATIENCE), topic, metrics);
    }

    @Override
    public void accept(InstructionAck ack) {
        ProducerQueue.Offer offer = queue.offer(ack);
        if (offer != ProducerQueue.Offer.ACCEPTED) {
            lost(ack, offer == ProducerQueue.Offer.FULL ? CAPACITY + " acks are waiting for Kafka" : "closed");
        }
    }

    @Override
    public void close() {
        queue.close(CLOSE_TIMEOUT);
    }

    private void lost(InstructionAck ack, String why) {
        metrics.instructionAcksFailed().increment();
        LOG.warn("instruction ack not published on {}: subject={} version={}: {} (the instruction is applied)", topic,
                ack.subject(), ack.version(), why);
    }
}
