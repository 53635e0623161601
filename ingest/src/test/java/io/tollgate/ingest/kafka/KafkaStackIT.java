package io.tollgate.ingest.kafka;

import io.tollgate.ingest.testing.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real broker(s) of infra/stack: topics, produce and consume, and a broker lost mid-stream. */
class KafkaStackIT {
    private static final int RECORDS = 2000;

    @Test
    void createsEveryContractTopicOnceWithTheInstructionsTopicCompacted() throws Exception {
        String bootstrap = LocalStack.kafkaBootstrap();
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
            short replication = (short) Math.min(3, brokers(bootstrap));
            List<TopicSpec> layout = Topics.layout(2, replication, Duration.ofHours(24));
            admin.create(layout);

            assertThat(admin.create(layout)).as("a second create is a no-op").isEmpty();
            assertThat(admin.list()).containsAll(Topics.ALL);
            Map<String, TopicAdmin.TopicState> states = new HashMap<>();
            admin.describe(Topics.ALL).forEach(s -> states.put(s.name(), s));
            assertThat(states.get(Topics.INSTRUCTIONS).configs()).containsEntry("cleanup.policy", "compact");
            assertThat(states.get(Topics.CALL_EVENTS).configs()).containsEntry("cleanup.policy", "delete");
        }
    }

    @Test
    void everyAcknowledgedRecordIsConsumedBackInOrderPerKey() throws Exception {
        String bootstrap = LocalStack.kafkaBootstrap();
        String topic = newTopic(bootstrap, 4, (short) 1);

        produce(bootstrap, topic, 0, RECORDS);

        List<ConsumerRecord<String, String>> read = consume(bootstrap, topic, RECORDS);
        assertThat(read).hasSize(RECORDS);
        Map<String, Integer> lastSeq = new HashMap<>();
        for (ConsumerRecord<String, String> r : read) {
            int seq = Integer.parseInt(r.value());
            Integer previous = lastSeq.put(r.key(), seq);
            assertThat(previous == null || previous < seq).as("order within key " + r.key()).isTrue();
        }
    }

    /**
     * A three-broker cluster loses a broker (SIGKILL, no clean shutdown) between two batches: every record the
     * producer saw acknowledged, before and after, is read back. Needs {@code infra/stack up kafka --brokers 3};
     * the broker is started again afterwards.
     */
    @Test
    void noAcknowledgedRecordIsLostWhenABrokerDies() throws Exception {
        String bootstrap = LocalStack.kafkaBootstrap();
        List<Long> pids = LocalStack.kafkaBrokerPids(3);
        String topic = newTopic(bootstrap, 3, (short) 3);
        try {
            Set<String> acked = new HashSet<>(produce(bootstrap, topic, 0, RECORDS / 2));

            ProcessHandle victim = ProcessHandle.of(pids.get(2)).orElseThrow();
            victim.destroyForcibly();
            victim.onExit().get();

            acked.addAll(produce(bootstrap, topic, RECORDS / 2, RECORDS));

            Set<String> read = new HashSet<>();
            consume(bootstrap, topic, acked.size()).forEach(r -> read.add(r.value()));
            assertThat(acked).hasSize(RECORDS);
            assertThat(read).containsAll(acked);
        } finally {
            LocalStack.stack("up", "kafka", "--brokers", "3");
        }
    }

    private static int brokers(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeCluster().nodes().get().size();
        }
    }

    private static String newTopic(String bootstrap, int partitions, short replication) throws Exception {
        String name = "it.kafka-" + UUID.randomUUID();
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
            admin.create(List.of(new TopicSpec(name, partitions, replication, Duration.ofHours(1), false)));
        }
        return name;
    }

    /** Sends records {@code from..to-1} idempotently with acks=all; returns the values acknowledged. */
    private static List<String> produce(String bootstrap, String topic, int from, int to) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sends = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String value = Integer.toString(i);
                sends.add(producer.send(new ProducerRecord<>(topic, "call-" + (i % 50), value)));
                values.add(value);
            }
            for (Future<?> send : sends) {
                send.get(); // throws if not acknowledged
            }
            return values;
        }
    }

    /** Reads the topic from the beginning until {@code expected} records arrived or 60 s passed. */
    private static List<ConsumerRecord<String, String>> consume(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (read.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        return read;
    }
}
