package io.tollgate.app;

import io.tollgate.core.fraud.Evidence;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.fraud.Severity;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the console's ITs run against: a scratch ClickHouse database and run-private instructions and
 * acknowledgement topics on the local Kafka, with a publisher on the first; dropped and deleted on close.
 */
final class ConsoleStack implements AutoCloseable {
    static final String BOOTSTRAP = LocalStack.kafkaBootstrap();

    final ScratchDatabase scratch;
    final ClickHouseDatabase database;
    final String instructions;
    final String acks;
    final InstructionPublisher publisher;
    private final Admin admin;

    private ConsoleStack(String name) throws Exception {
        scratch = ScratchDatabase.migrated("it_" + name + "_");
        database = new ClickHouseDatabase(scratch.url(), scratch.name(), ScratchDatabase.credentials());
        String run = name + UUID.randomUUID().toString().substring(0, 8) + ".";
        instructions = run + Topics.INSTRUCTIONS;
        acks = run + Topics.INSTRUCTION_ACKS;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        admin.createTopics(List.of(new NewTopic(instructions, 1, (short) 1), new NewTopic(acks, 1, (short) 1)))
                .all().get(60, TimeUnit.SECONDS);
        publisher = InstructionPublisher.connect(BOOTSTRAP, instructions);
    }

    static ConsoleStack start(String name) throws Exception {
        return new ConsoleStack(name);
    }

    /** Every record of {@code topic} so far, read from the beginning. */
    static List<ConsumerRecord<String, byte[]>> records(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            long end = consumer.endOffsets(List.of(p)).get(p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (consumer.position(p) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The instructions published so far, decoded. */
    List<Object> instructions() {
        return records(instructions).stream().map(r -> (Object) JsonCodec.INSTRUCTION.decode(r.value())).toList();
    }

    /** A critical IRSF alert of {@code customer} on {@code prefix}, raised at {@code at}. */
    static RaisedAlert alert(String customer, String prefix, Instant at) {
        Evidence evidence = new Evidence(at.minusSeconds(300), at, Map.of("calls", 40L),
                Map.of("revenue", new BigDecimal("12.50")), List.of("call-1"));
        return new RaisedAlert(new FraudAlert("irsf", Severity.CRITICAL, customer, prefix, evidence,
                at.minusSeconds(290), at.minusSeconds(10)), "block", at, at);
    }

    @Override
    public void close() throws Exception {
        publisher.close();
        admin.deleteTopics(List.of(instructions, acks)).all().get(60, TimeUnit.SECONDS);
        admin.close();
        ScratchDatabase.drop(scratch.url(), scratch.name());
    }
}
