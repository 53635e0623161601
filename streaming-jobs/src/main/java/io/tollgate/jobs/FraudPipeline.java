package io.tollgate.jobs;

import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.quality.VendorQuality;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.jobs.fraud.FraudDetector;
import io.tollgate.jobs.fraud.FraudInput;
import io.tollgate.jobs.fraud.FraudInputDeserializer;
import io.tollgate.jobs.fraud.OpenAlerts;
import io.tollgate.jobs.fraud.QualityDeserializer;
import io.tollgate.jobs.fraud.RuleBooks;
import io.tollgate.jobs.fraud.RuleSetDeserializer;
import io.tollgate.jobs.fraud.VendorWatch;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import io.tollgate.jobs.sink.ClickHouseSink;
import io.tollgate.jobs.sink.JsonRecords;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The fraud pipeline: call events (as they happen) and rated CDRs (once rated) → per-customer features → the
 * Drools rules → alerts on {@code tollgate.fraud-alerts} and in ClickHouse {@code fraud_alerts}, and the blocks
 * critical alerts cause on {@code tollgate.instructions}; vendor quality windows → ASR collapse alerts. Rule sets
 * published on {@code tollgate.fraud-rules} replace the running one without a restart.
 *
 * <p>The outputs are at-least-once on purpose: an exactly-once Kafka sink shows records only when a checkpoint
 * commits, seconds after the alert, and both outputs are idempotent anyway: an alert carries its identity (rule,
 * customer, subject, first event) and ClickHouse keeps one row per alert id; a repeated block has the same version,
 * which agents ignore.
 */
public final class FraudPipeline {

    /** The topics the pipeline reads and writes: those of ARCHITECTURE.md, or a test's own behind a prefix. */
    public record FraudTopics(String callEvents, String ratedCdrs, String vendorQuality, String rules,
                              String alerts, String instructions) implements Serializable {
        public static FraudTopics prefixed(String prefix) {
            return new FraudTopics(prefix + Topics.CALL_EVENTS, prefix + Topics.RATED_CDRS,
                    prefix + Topics.VENDOR_QUALITY, prefix + Topics.FRAUD_RULES, prefix + Topics.FRAUD_ALERTS,
                    prefix + Topics.INSTRUCTIONS);
        }

        public List<String> all() {
            return List.of(callEvents, ratedCdrs, vendorQuality, rules, alerts, instructions);
        }
    }

    /**
     * @param rules the rule set to start with, until one is published on the rules topic
     * @param zones each customer's time zone, for rule schedules
     * @param fromEarliest where a consumer group without offsets starts: the earliest traffic, else only new
     * @param from if given, where every traffic source starts instead: the first record at or after this time
     */
    public record Settings(String bootstrap, String name, FraudTopics topics, ClickHouseDatabase clickhouse,
                           FraudRuleSet rules, Map<String, ZoneId> zones, FeatureSettings features,
                           OpenAlerts.Pacing pacing, boolean fromEarliest, Instant from) implements Serializable {

        public Settings {
            zones = new HashMap<>(zones);
        }

        /** The same job judging the traffic from {@code start} on. */
        public Settings from(Instant start) {
            return new Settings(bootstrap, name, topics, clickhouse, rules, zones, features, pacing, fromEarliest, start);
        }

        public List<String> describe() {
            String start = from != null ? "from " + from : fromEarliest ? "from the earliest traffic"
                    : "only traffic from now on";
            return List.of("reads call events from " + topics.callEvents() + " and rated CDRs from "
                            + topics.ratedCdrs() + " on " + bootstrap + " (consumer group " + name + "; " + start
                            + " when the group has no offsets yet)",
                    "reads vendor quality from " + topics.vendorQuality() + " and rule sets from " + topics.rules(),
                    "writes alerts to " + topics.alerts() + " and to fraud_alerts in ClickHouse " + clickhouse,
                    "writes automatic blocks to " + topics.instructions());
        }
    }

    private static final Duration MAX_DRIFT = Duration.ofMinutes(1);

    private FraudPipeline() {
    }

    /** Adds the pipeline to {@code env}; returns the alerts for further use (tests). */
    public static DataStream<RaisedAlert> build(StreamExecutionEnvironment env, Settings s) {
        env.getConfig().enableObjectReuse();
        BroadcastStream<byte[]> ruleSets = env
                .fromSource(source(s, s.topics().rules(), "-rules", new RuleSetDeserializer(),
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)),
                        WatermarkStrategy.noWatermarks(), "fraud-rule-sets")
                .setParallelism(1)
                .broadcast(RuleBooks.STATE);
        DataStream<FraudInput> events = env.fromSource(source(s, s.topics().callEvents(), "-events",
                FraudInputDeserializer.callEvents()), aligned(), "call-events");
        DataStream<FraudInput> rated = env.fromSource(source(s, s.topics().ratedCdrs(), "-rated",
                FraudInputDeserializer.ratedCdrs()), aligned(), "rated-cdrs");
        SingleOutputStreamOperator<RaisedAlert> customerAlerts = events.union(rated)
                .keyBy(input -> input.customer)
                .connect(ruleSets)
                .process(new FraudDetector(s.rules(), s.zones(), s.features(), s.pacing()))
                .name("fraud features and rules").uid("fraud-detector");
        DataStream<VendorQuality> quality = env.fromSource(source(s, s.topics().vendorQuality(), "-quality",
                new QualityDeserializer()), WatermarkStrategy.noWatermarks(), "vendor-quality");
        DataStream<RaisedAlert> vendorAlerts = quality.keyBy(VendorQuality::key)
                .connect(ruleSets)
                .process(new VendorWatch(s.rules(), s.zones(), s.pacing()))
                .name("vendor quality rules").uid("vendor-watch");

        DataStream<RaisedAlert> alerts = customerAlerts.union(vendorAlerts);
        alerts.sinkTo(kafka(s, JsonRecords.fraudAlerts(s.topics().alerts()))).name("fraud-alerts")
                .uid("fraud-alerts-sink");
        alerts.sinkTo(ClickHouseSink.fraudAlerts(s.clickhouse(), 500)).name("clickhouse-fraud-alerts")
                .uid("clickhouse-fraud-alerts");
        customerAlerts.getSideOutput(FraudDetector.BLOCKS)
                .sinkTo(kafka(s, JsonRecords.<Block>instructions(s.topics().instructions())))
                .name("automatic-blocks").uid("automatic-blocks-sink");
        return alerts;
    }

    /**
     * Watermarks on the Kafka record times, only to keep the partitions in step: the features take each customer's
     * latest event time for "now", so a partition read minutes ahead of another (a backlog after an outage, call-id
     * keyed partitions) would age the other's calls out of the window before they arrive. Alignment holds a source
     * split back while it is more than a minute ahead of the slowest; an idle partition does not hold anyone back.
     */
    private static WatermarkStrategy<FraudInput> aligned() {
        return WatermarkStrategy.<FraudInput>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                .withIdleness(Duration.ofSeconds(10))
                .withWatermarkAlignment("fraud-traffic", MAX_DRIFT, Duration.ofSeconds(1));
    }

    /** A source of traffic: where {@link Settings} says to start. */
    private static <T> KafkaSource<T> source(Settings s, String topic, String group,
                                             KafkaRecordDeserializationSchema<T> records) {
        return source(s, topic, group, records, s.from() != null
                ? OffsetsInitializer.timestamp(s.from().toEpochMilli())
                : OffsetsInitializer.committedOffsets(
                        s.fromEarliest() ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST));
    }

    private static <T> KafkaSource<T> source(Settings s, String topic, String group,
                                             KafkaRecordDeserializationSchema<T> records, OffsetsInitializer start) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(s.bootstrap())
                .setTopics(topic)
                .setGroupId(s.name() + group)
                .setStartingOffsets(start)
                .setDeserializer(records)
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    /** An alert or a block must leave at once: no lingering for batches, no waiting for a checkpoint. */
    private static <T> KafkaSink<T> kafka(Settings s, KafkaRecordSerializationSchema<T> records) {
        Properties producer = new Properties();
        producer.setProperty("linger.ms", "0");
        producer.setProperty("acks", "all");
        producer.setProperty("enable.idempotence", "true");
        return KafkaSink.<T>builder()
                .setBootstrapServers(s.bootstrap())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
