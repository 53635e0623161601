package io.tollgate.app;

import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.FraudRuleSet;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.FraudAlertTable;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop on the local stack's Kafka and ClickHouse: the routing agent (its own process) takes calls from
 * the switch simulator, the fraud job (a MiniCluster in this process) watches its call events, and an IRSF attack
 * after a clean minute and a half is alerted, blocked by the job, applied by the agent, and the attack's later calls
 * are refused while the clean traffic goes on.
 */
class FraudLoopIT {
    private static final String BLOCK_SUBJECT = "block:customer:" + LoadtestConfig.CUSTOMER + ":destination:2899";
    private static final Duration CLEAN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void anAttackAfterCleanTrafficIsAlertedBlockedAndRefusedWhileCleanTrafficGoesOn() throws Exception {
        String bootstrap = LocalStack.kafkaBootstrap();
        LocalStack.ensureTopics(bootstrap, Topics.CALL_EVENTS, Topics.INSTRUCTIONS, Topics.INSTRUCTION_ACKS,
                Topics.DEAD_LETTER, Topics.RATED_CDRS, Topics.VENDOR_QUALITY);
        String run = "loop" + UUID.randomUUID().toString().substring(0, 8) + ".";
        FraudPipeline.FraudTopics topics = new FraudPipeline.FraudTopics(Topics.CALL_EVENTS, Topics.RATED_CDRS,
                Topics.VENDOR_QUALITY, run + Topics.FRAUD_RULES, run + Topics.FRAUD_ALERTS, Topics.INSTRUCTIONS);
        List<String> own = List.of(topics.rules(), topics.alerts());
        Instant start = Instant.now();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             ScratchDatabase scratch = ScratchDatabase.migrated("it_fraud_loop_")) {
            admin.createTopics(own.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
            ClickHouseDatabase database = new ClickHouseDatabase(scratch.url(), scratch.name(),
                    ScratchDatabase.credentials());
            JobClient job = fraudJob(settings(bootstrap, run, topics, database, start));
            Path truth = dir.resolve("truth.csv");
            try {
                CommandRun loadtest = CommandRun.of("loadtest", "--config",
                        LocalStack.checkout().resolve("tollgate.yaml").toString(), "--cps", "8",
                        "--duration", "PT150S", "--talk", "20,30", "--sim-talk-time", "PT20S",
                        "--scenario", "irsf", "--scenario-at", CLEAN.toString(), "--truth", truth.toString());
                assertThat(loadtest.exitCode()).as(loadtest.out() + loadtest.err()).isZero();

                List<ConsumerRecord<byte[], byte[]>> alerts = records(bootstrap, topics.alerts(), start);
                List<FraudAlert> raised = alerts.stream().map(r -> JsonCodec.FRAUD_ALERT.decode(r.value())).toList();
                assertThat(raised).extracting(FraudLoopIT::key)
                        .as("the clean traffic raised nothing, the attack exactly its alert: %s", raised)
                        .isNotEmpty().containsOnly("irsf|loadtest|2899");
                ConsumerRecord<byte[], byte[]> ack = records(bootstrap, Topics.INSTRUCTION_ACKS, start).stream()
                        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(BLOCK_SUBJECT))
                        .findFirst().orElseThrow(() -> new AssertionError("the agent never applied " + BLOCK_SUBJECT));
                Instant applied = Instant.ofEpochMilli(ack.timestamp());

                List<CsvRecord> attack = attackCalls(truth);
                Instant first = Instant.parse(attack.get(0).get("placed_at"));
                assertThat(attack).filteredOn(c -> Instant.parse(c.get("placed_at")).isBefore(first.plusSeconds(1)))
                        .as("the attack's first calls went through").allMatch(c -> !c.get("answered_at").isEmpty());
                List<CsvRecord> after = attack.stream()
                        .filter(c -> Instant.parse(c.get("placed_at")).isAfter(applied.plusSeconds(1))).toList();
                assertThat(after).as("calls of the attack after the block reached the agent").hasSizeGreaterThan(50)
                        .allSatisfy(c -> assertThat(c.get("answered_at")).as("call " + c.get("call_no")).isEmpty());
                assertThat(cleanCalls(truth).stream().filter(c -> !c.get("answered_at").isEmpty()).count())
                        .as("clean calls were answered throughout").isGreaterThan(600);
                assertThat(new FraudAlertTable(database).recent(10)).singleElement()
                        .satisfies(a -> assertThat(a.action()).isEqualTo("block"));

                Instant alerted = Instant.ofEpochMilli(alerts.get(0).timestamp());
                System.out.printf("fraud loop: first IRSF call placed %s; alert on Kafka +%d ms; block applied at the"
                        + " agent +%d ms (calls of the attack: %d, refused after the block: %d)%n", first,
                        Duration.between(first, alerted).toMillis(), Duration.between(first, applied).toMillis(),
                        attack.size(), after.size());
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
                admin.deleteTopics(own).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static FraudPipeline.Settings settings(String bootstrap, String run, FraudPipeline.FraudTopics topics,
                                                   ClickHouseDatabase database, Instant start) {
        FraudRuleSet rules = new FraudRuleSet(1, "it", start, null, null, null, null, null, null,
                Map.of("2899", "simulator premium range"), null);
        return new FraudPipeline.Settings(bootstrap, run + "fraud", topics, database, rules,
                Map.of(LoadtestConfig.CUSTOMER, ZoneOffset.UTC), FeatureSettings.DEFAULT, OpenAlerts.Pacing.DEFAULT,
                false, start);
    }

    private JobClient fraudJob(FraudPipeline.Settings settings) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        FraudPipeline.build(env, settings);
        return env.executeAsync("fraud-loop-it");
    }

    private static String key(FraudAlert a) {
        return a.ruleId() + "|" + a.customer() + "|" + a.subject();
    }

    /** Every record of {@code topic} from {@code since} on, up to its end now. */
    private static List<ConsumerRecord<byte[], byte[]>> records(String bootstrap, String topic, Instant since) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.offsetsForTimes(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                    p -> since.toEpochMilli()))).forEach((p, o) -> consumer.seek(p, o == null ? end.get(p) : o.offset()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        records.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        return records;
    }

    private static List<CsvRecord> attackCalls(Path truth) throws Exception {
        return calls(truth, "irsf");
    }

    private static List<CsvRecord> cleanCalls(Path truth) throws Exception {
        return calls(truth, "normal");
    }

    private static List<CsvRecord> calls(Path truth, String scenario) throws Exception {
        List<CsvRecord> calls = new ArrayList<>();
        try (CsvInput in = CsvInput.open(truth, GroundTruth.COLUMNS, Set.copyOf(GroundTruth.COLUMNS))) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                if (r.get("scenario").equals(scenario)) {
                    calls.add(r);
                }
            }
        }
        calls.sort(java.util.Comparator.comparing(c -> Instant.parse(c.get("placed_at"))));
        return calls;
    }
}
