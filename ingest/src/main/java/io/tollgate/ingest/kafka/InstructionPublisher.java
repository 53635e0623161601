package io.tollgate.ingest.kafka;

import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.JsonCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;

/**
 * Publishes instructions on {@code tollgate.instructions}, keyed by their subject so that compaction keeps the
 * latest per subject. Idempotent with acks=all: a record is acknowledged only once every in-sync replica has it,
 * and the producer's retries never write it twice.
 */
public final class InstructionPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    private InstructionPublisher(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static InstructionPublisher connect(String bootstrap) {
        return connect(bootstrap, Topics.INSTRUCTIONS);
    }

    public static InstructionPublisher connect(String bootstrap, String topic) {
        return new InstructionPublisher(Producers.reliable(bootstrap, Duration.ofSeconds(25)), topic);
    }

    /** Sends {@code instruction} and waits until it is acknowledged. */
    public RecordMetadata publish(Instruction instruction) throws KafkaUnavailableException {
        return Delivery.await(producer, new ProducerRecord<>(topic, instruction.subject(),
                JsonCodec.INSTRUCTION.encode(instruction)));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
