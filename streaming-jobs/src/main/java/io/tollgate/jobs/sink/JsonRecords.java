package io.tollgate.jobs.sink;

import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.CdrJson;
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

    /** A rated CDR's two values, {@link CdrJson#encode encoded} together (its CDR written once). */
    public record EncodedCdr(String callId, byte[] cdr, byte[] rated) {
        public static EncodedCdr of(RatedCdr rated) {
            CdrJson.Encoded both = CdrJson.encode(rated);
            return new EncodedCdr(rated.callId(), both.cdr(), both.rated());
        }
    }

    /** CDRs keyed by call id. */
    public static KafkaRecordSerializationSchema<EncodedCdr> cdrs(String topic) {
        return (encoded, context, timestamp) -> new ProducerRecord<>(topic, bytes(encoded.callId()), encoded.cdr());
    }

    /** Rated CDRs keyed by call id. */
    public static KafkaRecordSerializationSchema<EncodedCdr> ratedCdrs(String topic) {
        return (encoded, context, timestamp) -> new ProducerRecord<>(topic, bytes(encoded.callId()), encoded.rated());
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
