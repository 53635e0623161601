package io.tollgate.ingest.kafka;

import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.JsonCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes instructions on {@code tollgate.instructions}, keyed by their subject so that compaction keeps the
 * latest per subject. Idempotent with acks=all: a record is acknowledged only once every in-sync replica has it,
 * and the producer's retries never write it twice.
 */
public final class InstructionPublisher implements AutoCloseable {
    private static final long TIMEOUT_S = 30;

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
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, instruction.subject(),
                JsonCodec.INSTRUCTION.encode(instruction));
        try {
            return producer.send(record).get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka refused the instruction on " + topic + ": "
                    + e.getCause().getMessage() + " (does the topic exist? tollgate topics create)", e);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge the instruction on " + topic + " in "
                    + TIMEOUT_S + " s; is it running? (locally: infra/stack up kafka)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while publishing on " + topic, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailableException("cannot publish on " + topic + ": " + e.getMessage()
                    + " (does the topic exist? tollgate topics create)", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
