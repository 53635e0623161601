package io.tollgate.jobs.bench;

import io.tollgate.jobs.CdrPipeline;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Properties;

/**
 * The ceiling the issue measures the pipeline against: the same call events read from Kafka and written back
 * unchanged, with the same exactly-once Kafka sink and the same checkpointing, and no work of ours in between.
 */
final class PassThroughJob {
    /** A record's key and value, untouched. */
    record Raw(byte[] key, byte[] value) {
    }

    private PassThroughJob() {
    }

    static void build(StreamExecutionEnvironment env, String bootstrap, String from, String to, String name) {
        KafkaSource<Raw> source = KafkaSource.<Raw>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(from)
                .setGroupId(name)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new KafkaRecordDeserializationSchema<>() {
                    @Override
                    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Raw> out) {
                        out.collect(new Raw(record.key(), record.value()));
                    }

                    @Override
                    public TypeInformation<Raw> getProducedType() {
                        return TypeInformation.of(Raw.class);
                    }
                })
                .build();
        Properties producer = CdrPipeline.producerProperties();
        KafkaSink<Raw> sink = KafkaSink.<Raw>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer((raw, context, timestamp) -> new ProducerRecord<>(to, raw.key(), raw.value()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(name)
                .setKafkaProducerConfig(producer)
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "call-events").sinkTo(sink);
    }
}
