package io.tollgate.ingest.kafka;

import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.JsonCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Properties;
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
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // a missing topic or a dead cluster fails within the command's patience instead of the default minute
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "25000");
        return new InstructionPublisher(new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()),
                topic);
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
