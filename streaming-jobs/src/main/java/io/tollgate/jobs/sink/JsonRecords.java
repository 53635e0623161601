package io.tollgate.jobs.sink;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.core.quality.VendorQuality;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Records for the topics of ARCHITECTURE.md: JSON values with their schema version, keyed as the contract says. */
public final class JsonRecords {
    private JsonRecords() {
    }

    /** CDRs keyed by call id. */
    public static KafkaRecordSerializationSchema<Cdr> cdrs(String topic) {
        return (cdr, context, timestamp) -> new ProducerRecord<>(topic, bytes(cdr.callId()), JsonCodec.CDR.encode(cdr));
    }

    /** Rated CDRs keyed by call id. */
    public static KafkaRecordSerializationSchema<RatedCdr> ratedCdrs(String topic) {
        return (rated, context, timestamp) -> new ProducerRecord<>(topic, bytes(rated.callId()),
                JsonCodec.RATED_CDR.encode(rated));
    }

    /** Vendor quality windows keyed by {@code vendor|destination}. */
    public static KafkaRecordSerializationSchema<VendorQuality> vendorQuality(String topic) {
        return (quality, context, timestamp) -> new ProducerRecord<>(topic, bytes(quality.key()),
                JsonCodec.VENDOR_QUALITY.encode(quality));
    }

    /** Fraud alerts keyed by customer. */
    public static KafkaRecordSerializationSchema<RaisedAlert> fraudAlerts(String topic) {
        return (raised, context, timestamp) -> new ProducerRecord<>(topic, bytes(raised.alert().customer()),
                JsonCodec.FRAUD_ALERT.encode(raised.alert()));
    }

    /** Instructions keyed by their subject, so that compaction keeps the latest per subject. */
    public static <T extends Instruction> KafkaRecordSerializationSchema<T> instructions(String topic) {
        return (instruction, context, timestamp) -> new ProducerRecord<>(topic, bytes(instruction.subject()),
                JsonCodec.INSTRUCTION.encode(instruction));
    }

    /** Dead letters keyed by their source (a topic or a file), as {@code tollgate.dead-letter} is. */
    public static KafkaRecordSerializationSchema<DeadLetter> deadLetters(String topic) {
        return (letter, context, timestamp) -> new ProducerRecord<>(topic, bytes(letter.origin().source()),
                DeadLetterJson.encode(letter));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
