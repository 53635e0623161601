package io.tollgate.ingest.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one record and waits for Kafka's acknowledgement, turning every way that fails into advice. */
final class Delivery {
    private static final long TIMEOUT_S = 30;

    private Delivery() {
    }

    static RecordMetadata await(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record)
            throws KafkaUnavailableException {
        String topic = record.topic();
        try {
            return producer.send(record).get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka refused the record on " + topic + ": "
                    + e.getCause().getMessage() + " (does the topic exist? tollgate topics create)", e);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge the record on " + topic + " in "
                    + TIMEOUT_S + " s; is it running? (locally: infra/stack up kafka)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while publishing on " + topic, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailableException("cannot publish on " + topic + ": " + e.getMessage()
                    + " (does the topic exist? tollgate topics create)", e);
        }
    }
}
