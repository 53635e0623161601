package io.tollgate.jobs;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.quality.VendorQuality;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.jobs.cdr.ActivationDeserializer;
import io.tollgate.jobs.cdr.CdrAssemblyAndRating;
import io.tollgate.jobs.cdr.EventBundle;
import io.tollgate.jobs.cdr.EventBundling;
import io.tollgate.jobs.cdr.EventRecord;
import io.tollgate.jobs.cdr.EventRecordDeserializer;
import io.tollgate.jobs.rating.CdrPricing;
import io.tollgate.jobs.rating.DeckCatalog;
import io.tollgate.jobs.quality.VendorQualityStream;
import io.tollgate.jobs.serial.EventBundleSerializer;
import io.tollgate.jobs.serial.Utf8StringSerializer;
import io.tollgate.jobs.sink.ClickHouseSink;
import io.tollgate.jobs.sink.JsonRecords;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.io.Serializable;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The CDR pipeline: call events → CDR assembly → two-sided rating → rated CDRs in ClickHouse and on
 * {@code tollgate.rated-cdrs}; assembled CDRs on {@code tollgate.cdrs}; refused events on the dead-letter topic;
 * vendor quality per window to {@code tollgate.vendor-quality} and ClickHouse {@code vendor_quality}.
 * Both Kafka sinks are transactional (exactly once for read_committed readers); the ClickHouse sink is idempotent.
 */
public final class CdrPipeline {

    /**
     * @param bootstrap Kafka bootstrap servers
     * @param name names the consumer group and the sinks' transactions; two pipelines on one cluster need two names
     * @param fromEarliest read call events from the start when the group has no committed offset; else only new ones
     * @param from         if given, call events are read from the first one at or after this time instead (a run
     *                     that must price its own calls and nobody else's, as the demo)
     */
    public record Settings(String bootstrap, String name, PipelineTopics topics, ClickHouseDatabase clickhouse,
                           DeckCatalog decks, Duration callTimeout, Duration grace, Duration closedRetention,
                           int clickhouseBlockRows, boolean fromEarliest, Quality quality, Instant from)
            implements Serializable {

        /** The same pipeline reading call events from {@code from} on. */
        public Settings from(Instant start) {
            return new Settings(bootstrap, name, topics, clickhouse, decks, callTimeout, grace, closedRetention,
                    clickhouseBlockRows, fromEarliest, quality, start);
        }

        /** What the pipeline reads and writes, a line each, for whoever starts it. */
        public List<String> describe() {
            return List.of("reads call events from " + topics.callEvents() + " on " + bootstrap + " (consumer group "
                            + name + "; " + (from != null ? "from " + from : (fromEarliest ? "from the earliest"
                            : "only new") + " events when the group has no offsets yet") + ")",
                    "reads deck activations from " + topics.instructions(),
                    "writes CDRs to " + topics.cdrs() + " and refused events to " + topics.deadLetter(),
                    "writes rated CDRs to " + topics.ratedCdrs() + " and to rated_cdrs in ClickHouse " + clickhouse,
                    "writes vendor quality to " + topics.vendorQuality() + " and to vendor_quality in ClickHouse");
        }
    }

    /**
     * Vendor quality windows: {@code size} long, one starting every {@code slide}; a CDR may end up to
     * {@code outOfOrder} before the latest one seen and still count.
     */
    public record Quality(Duration size, Duration slide, Duration outOfOrder) implements Serializable {
        public static final Quality DEFAULT = new Quality(Duration.ofMinutes(15), Duration.ofMinutes(5),
                Duration.ofSeconds(30));
    }

    /** The topics the pipeline reads and writes: those of ARCHITECTURE.md, or a test's or benchmark's own. */
    public record PipelineTopics(String callEvents, String instructions, String cdrs, String ratedCdrs,
                                 String deadLetter, String vendorQuality) implements Serializable {
        public static final PipelineTopics STANDARD = new PipelineTopics(Topics.CALL_EVENTS, Topics.INSTRUCTIONS,
                Topics.CDRS, Topics.RATED_CDRS, Topics.DEAD_LETTER, Topics.VENDOR_QUALITY);

        /** The standard names behind {@code prefix}, for a run that must not meet anyone else's traffic. */
        public static PipelineTopics prefixed(String prefix) {
            return new PipelineTopics(prefix + Topics.CALL_EVENTS, prefix + Topics.INSTRUCTIONS, prefix + Topics.CDRS,
                    prefix + Topics.RATED_CDRS, prefix + Topics.DEAD_LETTER, prefix + Topics.VENDOR_QUALITY);
        }

        public List<String> all() {
            return List.of(callEvents, instructions, cdrs, ratedCdrs, deadLetter, vendorQuality);
        }
    }

    /**
     * How long a source instance holds a call's events for more of them, and how many it holds at most: well
     * under the latency a CDR may take, and a few thousand records of ~300 bytes.
     */
    static final Duration BUNDLE_DELAY = Duration.ofMillis(50);
    static final int BUNDLE_RECORDS = 4_096;

    /** Kafka's default upper bound for a transaction (transaction.max.timeout.ms) is 15 minutes. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private CdrPipeline() {
    }

    /** Adds the pipeline to {@code env}; returns the rated CDRs for further use (vendor quality, tests). */
    public static DataStream<RatedCdr> build(StreamExecutionEnvironment env, Settings s) {
        // every record here is an immutable Java record, so chained operators may share it instead of Flink
        // deep-copying each rated CDR for each of its four consumers
        env.getConfig().enableObjectReuse();
        KafkaSource<EventRecord> events = KafkaSource.<EventRecord>builder()
                .setBootstrapServers(s.bootstrap())
                .setTopics(s.topics().callEvents())
                .setGroupId(s.name())
                .setStartingOffsets(s.from() != null ? OffsetsInitializer.timestamp(s.from().toEpochMilli())
                        : OffsetsInitializer.committedOffsets(
                        s.fromEarliest() ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST))
                .setDeserializer(new EventRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
        KafkaSource<DeckActivation> activations = KafkaSource.<DeckActivation>builder()
                .setBootstrapServers(s.bootstrap())
                .setTopics(s.topics().instructions())
                .setGroupId(s.name() + "-instructions")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ActivationDeserializer())
                .build();

        BroadcastStream<DeckActivation> decks = env
                .fromSource(activations, WatermarkStrategy.noWatermarks(), "deck-activations")
                .setParallelism(1)
                .broadcast(CdrPricing.ACTIVATIONS);
        SingleOutputStreamOperator<RatedCdr> rated = env
                .fromSource(events, WatermarkStrategy.noWatermarks(), "call-events")
                .transform("call event bundles", EventBundleSerializer.TYPE,
                        new EventBundling(BUNDLE_DELAY, BUNDLE_RECORDS))
                .uid("call-event-bundles")
                .keyBy(EventBundle::callId, Utf8StringSerializer.KEY)
                .connect(decks)
                .process(new CdrAssemblyAndRating(s.topics().callEvents(), s.callTimeout(), s.grace(),
                        s.closedRetention(), new CdrPricing(s.decks())))
                .name("cdr assembly and rating").uid("cdr-assembly-and-rating");
        DataStream<Cdr> cdrs = rated.map(RatedCdr::cdr).name("cdrs").uid("cdrs");

        rated.getSideOutput(CdrAssemblyAndRating.REFUSED)
                .sinkTo(kafka(s, "dead-letter", JsonRecords.deadLetters(s.topics().deadLetter())))
                .name("dead-letter").uid("dead-letter-sink");
        DataStream<JsonRecords.EncodedCdr> encoded = rated.map(JsonRecords.EncodedCdr::of)
                .name("cdrs as json").uid("cdrs-as-json");
        encoded.sinkTo(kafka(s, "cdrs", JsonRecords.cdrs(s.topics().cdrs()))).name("cdrs").uid("cdrs-sink");
        encoded.sinkTo(kafka(s, "rated", JsonRecords.ratedCdrs(s.topics().ratedCdrs())))
                .name("rated-cdrs").uid("rated-cdrs-sink");
        rated.sinkTo(ClickHouseSink.ratedCdrs(s.clickhouse(), s.clickhouseBlockRows()))
                .name("clickhouse-rated-cdrs").uid("clickhouse-rated-cdrs");

        // a quiet assembly instance must not hold every window back
        DataStream<VendorQuality> quality = VendorQualityStream.apply(cdrs
                        .assignTimestampsAndWatermarks(VendorQualityStream.cdrEnd(s.quality().outOfOrder())
                                .withIdleness(Duration.ofSeconds(10)))
                        .name("cdr end times").uid("cdr-end-times"),
                s.quality().size(), s.quality().slide());
        quality.sinkTo(kafka(s, "quality", JsonRecords.vendorQuality(s.topics().vendorQuality())))
                .name("vendor-quality").uid("vendor-quality-sink");
        quality.sinkTo(ClickHouseSink.vendorQuality(s.clickhouse(), 1_000))
                .name("clickhouse-vendor-quality").uid("clickhouse-vendor-quality");
        return rated;
    }

    /**
     * What every exactly-once Kafka sink of the job sets. Records become visible only when a checkpoint commits
     * their transaction, so waiting 50 ms to fill larger batches costs no latency and saves the per-batch work
     * (LZ4 frame set-up showed in profiles with 5 ms).
     */
    public static Properties producerProperties() {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        producer.setProperty("compression.type", "lz4");
        producer.setProperty("linger.ms", "50");
        producer.setProperty("batch.size", Integer.toString(256 * 1024));
        return producer;
    }

    private static <T> KafkaSink<T> kafka(Settings s, String what, KafkaRecordSerializationSchema<T> records) {
        Properties producer = producerProperties();
        return KafkaSink.<T>builder()
                .setBootstrapServers(s.bootstrap())
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(s.name() + "-" + what)
                .setKafkaProducerConfig(producer)
                .build();
    }
}
