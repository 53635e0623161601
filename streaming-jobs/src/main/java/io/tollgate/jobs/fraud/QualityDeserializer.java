package io.tollgate.jobs.fraud;

import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.core.quality.VendorQuality;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Vendor quality windows; one that cannot be read is logged and skipped (the CDR job wrote it, from our code). */
public final class QualityDeserializer implements KafkaRecordDeserializationSchema<VendorQuality> {
    private static final Logger log = LoggerFactory.getLogger(QualityDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<VendorQuality> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(JsonCodec.VENDOR_QUALITY.decode(record.value()));
        } catch (CodecException e) {
            log.warn("{}-{}@{} skipped: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<VendorQuality> getProducedType() {
        return TypeInformation.of(VendorQuality.class);
    }
}
