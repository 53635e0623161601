package io.tollgate.jobs.cdr;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/** Keeps each record's key (the call id), value and position; decoding waits for {@link CdrAssembly}. */
public final class EventRecordDeserializer implements KafkaRecordDeserializationSchema<EventRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EventRecord> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        out.collect(new EventRecord(key, value, record.partition(), record.offset()));
    }

    @Override
    public TypeInformation<EventRecord> getProducedType() {
        return TypeInformation.of(EventRecord.class);
    }
}
