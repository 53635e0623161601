package io.tollgate.ingest.deadletter;

import io.tollgate.ingest.kafka.Producers;
import io.tollgate.ingest.kafka.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes refused inputs to {@code tollgate.dead-letter}, keyed by their source (file or topic) so one input's
 * refusals stay in order. Acknowledged by all in-sync replicas; {@link #flush()} fails if any send failed.
 */
public final class DeadLetterPublisher implements DeadLetters {
    private static final long TIMEOUT_S = 60;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private Future<?> last;
    private Exception failure;

    DeadLetterPublisher(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static DeadLetterPublisher connect(String bootstrap) {
        return connect(bootstrap, Topics.DEAD_LETTER);
    }

    public static DeadLetterPublisher connect(String bootstrap, String topic) {
        return new DeadLetterPublisher(Producers.reliable(bootstrap, Duration.ofSeconds(60)), topic);
    }

    @Override
    public void refuse(DeadLetter letter) throws DeadLetterException {
        try {
            last = producer.send(new ProducerRecord<>(topic, letter.origin().source(), DeadLetterJson.encode(letter)),
                    (metadata, e) -> {
                        if (e != null && failure == null) {
                            failure = e;
                        }
                    });
        } catch (RuntimeException e) {
            throw new DeadLetterException("cannot publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws DeadLetterException {
        producer.flush();
        try {
            if (last != null) {
                last.get(TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            failure = failure == null ? e : failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        if (failure != null) {
            throw new DeadLetterException("Kafka did not accept the dead letters on " + topic + ": "
                    + failure.getMessage() + " (is it running? locally: infra/stack up kafka; is the topic created? "
                    + "tollgate topics create)", failure);
        }
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
