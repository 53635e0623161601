package io.tollgate.jobs.pipeline;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.testing.ScratchDatabase;
import io.tollgate.jobs.CdrPipeline;
import io.tollgate.jobs.rating.DeckCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline run of its own on the local stack: topics behind a random prefix, a scratch ClickHouse database, the
 * repository's tollgate.yaml for decks and exchange rates.
 */
public final class PipelineRig implements AutoCloseable {
    public final String runId = "run" + UUID.randomUUID().toString().substring(0, 8);
    public final String bootstrap = LocalStack.kafkaBootstrap();
    public final CdrPipeline.PipelineTopics topics = CdrPipeline.PipelineTopics.prefixed(runId + ".");
    public final ScratchDatabase scratch;
    public final ClickHouseDatabase database;
    public final TollgateConfig config;
    private final java.util.concurrent.atomic.AtomicReference<Exception> unsent =
            new java.util.concurrent.atomic.AtomicReference<>();

    public PipelineRig() throws Exception {
        scratch = ScratchDatabase.migrated("it_pipeline_");
        database = new ClickHouseDatabase(scratch.url(), scratch.name(), ScratchDatabase.credentials());
        config = TollgateConfig.load(LocalStack.checkout().resolve("tollgate.yaml"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            short replication = (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            admin.createTopics(topics.all().stream().map(t -> new NewTopic(t, 4, replication)).toList())
                    .all().get(60, TimeUnit.SECONDS);
            awaitLeaders(admin);
        }
    }

    /**
     * Until every partition of the new topics has a leader: a producer that writes sooner meets "not leader"
     * answers, and one preload lost a partition's events to the idempotent producer's sequence check. On a cluster
     * of brokers the one asked may not know the topics yet ("does not host this topic-partition"): ask again.
     */
    private void awaitLeaders(Admin admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!everyPartitionLed(admin)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics of " + runId + " have no leader after 60 s");
            }
            Thread.sleep(50);
        }
    }

    private boolean everyPartitionLed(Admin admin) throws Exception {
        try {
            return admin.describeTopics(topics.all()).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    public Path decks() {
        return LocalStack.checkout().resolve("examples/decks");
    }

    public CdrPipeline.Settings settings(Duration grace) {
        return settings(grace, 5_000);
    }

    /** @param blockRows rows per ClickHouse insert at most */
    public CdrPipeline.Settings settings(Duration grace, int blockRows) {
        return new CdrPipeline.Settings(bootstrap, runId, topics, database,
                DeckCatalog.of(config, config.fxRates()), Duration.ofHours(4), grace, Duration.ofSeconds(30), blockRows,
                true, CdrPipeline.Quality.DEFAULT, null);
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(KafkaProducer<byte[], byte[]> producer, CallEvent event) {
        producer.send(new ProducerRecord<>(topics.callEvents(), event.callId().getBytes(StandardCharsets.UTF_8),
                JsonCodec.CALL_EVENT.encode(event)), (sent, error) -> {
                    if (error != null) {
                        unsent.compareAndSet(null, error);
                    }
                });
    }

    /** Throws if any event {@link #send} gave the producer was refused (call after closing the producer). */
    public void assertAllSent() {
        if (unsent.get() != null) {
            throw new IllegalStateException("call events were not written to " + topics.callEvents(), unsent.get());
        }
    }

    /** Keys of the committed records of {@code topic} (read_committed): every one, repeats included. */
    public List<String> committedKeys(String topic, int expected, Duration patience) {
        return committed(topic, expected, patience).stream().map(Map.Entry::getKey).toList();
    }

    /**
     * Key and value of each committed record of {@code topic} (read_committed), in order: read until {@code expected}
     * came and three polls in a row brought nothing more, or {@code patience} ran out.
     */
    public List<Map.Entry<String, String>> committed(String topic, int expected, Duration patience) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, runId + "-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Map.Entry<String, String>> records = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + patience.toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (records.size() < expected || quietPolls < 3)) {
                var polled = consumer.poll(Duration.ofMillis(500));
                polled.forEach(r -> records.add(Map.entry(new String(r.key(), StandardCharsets.UTF_8),
                        new String(r.value(), StandardCharsets.UTF_8))));
                quietPolls = polled.isEmpty() ? quietPolls + 1 : 0;
            }
        }
        return records;
    }

    public static Set<String> distinct(List<String> keys) {
        return new HashSet<>(keys);
    }

    @Override
    public void close() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(topics.all()).all().get(60, TimeUnit.SECONDS);
        } finally {
            scratch.close();
        }
    }
}
