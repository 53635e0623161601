package io.tollgate.jobs.fraud;

import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.kafka.Topics;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call events or rated CDRs as fraud inputs. A value that cannot be read is skipped with a log line, not
 * dead-lettered: the CDR job reads the same topics and dead-letters it already, and twice would double-count it.
 * A call without a customer (refused before it was identified) has no traffic to judge.
 */
public final class FraudInputDeserializer implements KafkaRecordDeserializationSchema<FraudInput> {
    private static final Logger log = LoggerFactory.getLogger(FraudInputDeserializer.class);

    private final boolean rated;

    private FraudInputDeserializer(boolean rated) {
        this.rated = rated;
    }

    /** Reads {@link Topics#CALL_EVENTS}. */
    public static FraudInputDeserializer callEvents() {
        return new FraudInputDeserializer(false);
    }

    /** Reads {@link Topics#RATED_CDRS}. */
    public static FraudInputDeserializer ratedCdrs() {
        return new FraudInputDeserializer(true);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FraudInput> out) {
        if (record.value() == null) {
            return;
        }
        try {
            FraudInput input = rated ? FraudInput.of(JsonCodec.RATED_CDR.decode(record.value()), record.value())
                    : FraudInput.of(JsonCodec.CALL_EVENT.decode(record.value()), record.value());
            if (input.customer != null) {
                out.collect(input);
            }
        } catch (CodecException e) {
            log.debug("{}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<FraudInput> getProducedType() {
        return TypeInformation.of(FraudInput.class);
    }
}
