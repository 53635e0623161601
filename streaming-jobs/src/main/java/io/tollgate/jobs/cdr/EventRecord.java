package io.tollgate.jobs.cdr;

/**
 * A call event as it left Kafka: still bytes, so that the shuffle by call id moves bytes and the event is decoded
 * once, where its call's state is; the partition and offset name it if it has to be refused.
 */
public record EventRecord(String callId, byte[] value, int partition, long offset) {
}
