package io.tollgate.jobs.fraud;

import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule sets from {@code tollgate.fraud-rules}, passed on as their JSON (the job keeps them so in its broadcast
 * state). One that cannot be read is logged and skipped: the job keeps judging with the set it has.
 */
public final class RuleSetDeserializer implements KafkaRecordDeserializationSchema<byte[]> {
    private static final Logger log = LoggerFactory.getLogger(RuleSetDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
        if (record.value() == null) {
            return;
        }
        try {
            JsonCodec.FRAUD_RULE_SET.decode(record.value());
            out.collect(record.value());
        } catch (CodecException e) {
            log.warn("fraud rule set at {}-{}@{} refused, the rules in force stay: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
}
