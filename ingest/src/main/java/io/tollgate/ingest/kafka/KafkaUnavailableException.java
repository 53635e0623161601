package io.tollgate.ingest.kafka;

/** Kafka could not be reached or refused an administrative request; the message says what to do. */
public final class KafkaUnavailableException extends Exception {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
