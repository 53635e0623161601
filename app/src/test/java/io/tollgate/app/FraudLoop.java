package io.tollgate.app;

import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.agent.kafka.InstructionAck;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.testing.ScratchDatabase;
import io.tollgate.jobs.FraudPipeline;
import io.tollgate.jobs.fraud.OpenAlerts;
import io.tollgate.jobs.fraud.features.FeatureSettings;
import io.tollgate.sim.traffic.GroundTruth;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The fraud loop on the local stack: the fraud job in a MiniCluster of this process, watching the contract topics
 * the routing agent writes (call events) and reads (instructions), with alerts and rule sets on topics of the run's
 * own and a scratch ClickHouse database; {@code tollgate loadtest} drives the agent through the simulator.
 * Blocks the attack scenarios cause are lifted before and after, as an analyst would, so that runs do not meet
 * each other's blocks on the compacted instructions topic.
 */
final class FraudLoop implements AutoCloseable {
    /** The range of the simulator's IRSF scenario: the same on every run, so its block is lifted first too. */
    private static final List<String> ATTACKED = List.of("2899");

    final String bootstrap = LocalStack.kafkaBootstrap();
    final FraudPipeline.FraudTopics topics;
    final ClickHouseDatabase database;
    final Instant start = Instant.now();
    private final Path dir;
    private final List<String> own;
    private final Admin admin;
    private final ScratchDatabase scratch;
    private final JobClient job;

    FraudLoop(Path dir) throws Exception {
        this.dir = dir;
        LocalStack.ensureTopics(bootstrap, Topics.CALL_EVENTS, Topics.INSTRUCTIONS, Topics.INSTRUCTION_ACKS,
                Topics.DEAD_LETTER, Topics.RATED_CDRS, Topics.VENDOR_QUALITY);
        String run = "loop" + UUID.randomUUID().toString().substring(0, 8) + ".";
        topics = new FraudPipeline.FraudTopics(Topics.CALL_EVENTS, Topics.RATED_CDRS, Topics.VENDOR_QUALITY,
                run + Topics.FRAUD_RULES, run + Topics.FRAUD_ALERTS, Topics.INSTRUCTIONS);
        own = List.of(topics.rules(), topics.alerts());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        admin.createTopics(own.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
                .all().get(60, TimeUnit.SECONDS);
        scratch = ScratchDatabase.migrated("it_fraud_loop_");
        database = new ClickHouseDatabase(scratch.url(), scratch.name(), ScratchDatabase.credentials());
        liftBlocks(ATTACKED);
        job = start(run);
    }

    /** {@code tollgate loadtest} on the repository's configuration with {@code args}, its truth in {@code truth}. */
    CommandRun loadtest(Path truth, String... args) {
        List<String> all = new ArrayList<>(List.of("loadtest", "--config",
                LocalStack.checkout().resolve("tollgate.yaml").toString(), "--truth", truth.toString()));
        all.addAll(List.of(args));
        return CommandRun.of(all.toArray(String[]::new));
    }

    /** The alerts of the run, with the Kafka time each was published, oldest first. */
    List<Timed<FraudAlert>> alerts() {
        return records(topics.alerts()).stream()
                .map(r -> new Timed<>(JsonCodec.FRAUD_ALERT.decode(r.value()), Instant.ofEpochMilli(r.timestamp())))
                .toList();
    }

    /**
     * When the routing agent first applied a block with {@code subject} raised in this run. An agent that starts
     * replays the compacted topic, earlier runs' blocks included: those carry versions from before the run.
     */
    Optional<Instant> blockApplied(String subject) {
        return records(Topics.INSTRUCTION_ACKS).stream()
                .map(r -> InstructionAck.fromJson(r.value()))
                .filter(a -> a.subject().equals(subject) && a.type().equals("block")
                        && a.version() >= start.toEpochMilli())
                .map(InstructionAck::appliedAt).findFirst();
    }

    static String key(FraudAlert a) {
        return a.ruleId() + "|" + a.customer() + "|" + a.subject();
    }

    /** The calls of one scenario of the ground truth ({@code normal} for the clean traffic), by placing time. */
    static List<CsvRecord> calls(Path truth, String scenario) throws Exception {
        List<CsvRecord> calls = new ArrayList<>();
        try (CsvInput in = CsvInput.open(truth, GroundTruth.COLUMNS, Set.copyOf(GroundTruth.COLUMNS))) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                if (r.get("scenario").equals(scenario)) {
                    calls.add(r);
                }
            }
        }
        calls.sort(Comparator.comparing(c -> Instant.parse(c.get("placed_at"))));
        return calls;
    }

    /** A value and when Kafka took it. */
    record Timed<T>(T value, Instant at) {
    }

    @Override
    public void close() throws Exception {
        try {
            job.cancel().get(60, TimeUnit.SECONDS);
            Set<String> blocked = new java.util.TreeSet<>(ATTACKED);
            alerts().stream().map(a -> a.value().subject()).filter(s -> s.matches("[0-9]{1,15}")).forEach(blocked::add);
            liftBlocks(blocked);
            admin.deleteTopics(own).all().get(60, TimeUnit.SECONDS);
        } finally {
            admin.close();
            scratch.close();
        }
    }

    /**
     * An analyst lifting the blocks of the prefixes with {@code tollgate fraud unblock}: newer than any block raised
     * before now. The load test's own configuration names its customer, which the repository's does not.
     */
    private void liftBlocks(java.util.Collection<String> prefixes) throws Exception {
        TollgateConfig source = TollgateConfig.load(LocalStack.checkout().resolve("tollgate.yaml"));
        Path config = LoadtestConfig.write(source, source.customers().get(0), 10, 1, Files.createTempDirectory(dir,
                "unblock"));
        for (String prefix : prefixes) {
            CommandRun unblock = CommandRun.of("fraud", "unblock", "--customer", LoadtestConfig.CUSTOMER, "--prefix",
                    prefix, "--reason", "fraud loop run", "--by", "fraud-loop", "--config", config.toString());
            if (unblock.exitCode() != 0) {
                throw new IllegalStateException("tollgate fraud unblock failed: " + unblock.err());
            }
        }
    }

    private JobClient start(String run) throws Exception {
        FraudRuleSet rules = new FraudRuleSet(1, "fraud-loop", start, null, null, null, null, null, null,
                Map.of("2899", "simulator premium range"), null);
        FraudPipeline.Settings settings = new FraudPipeline.Settings(bootstrap, run + "fraud", topics, database, rules,
                Map.of(LoadtestConfig.CUSTOMER, ZoneOffset.UTC), FeatureSettings.DEFAULT, OpenAlerts.Pacing.DEFAULT,
                false, start);
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        FraudPipeline.build(env, settings);
        return env.executeAsync("fraud-loop");
    }

    /** Every record of {@code topic} since the run started, up to the topic's end now, oldest first. */
    private List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.offsetsForTimes(partitions.stream().collect(Collectors.toMap(p -> p, p -> start.toEpochMilli())))
                    .forEach((p, o) -> consumer.seek(p, o == null ? end.get(p) : o.offset()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return records;
    }
}
