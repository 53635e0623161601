package io.tollgate.app;

import io.tollgate.agent.kafka.InstructionAck;
import io.tollgate.core.fraud.FraudAlert;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the fraud analyst watches during the demo: every alert the fraud job raises and every block the routing agent
 * applies, printed as they arrive, read from the contract topics from the run's start on.
 */
final class DemoFeed implements AutoCloseable {
    /** A block the agent applied: its subject ({@code block:customer:acme:destination:2899}) and when. */
    record AppliedBlock(String subject, String customer, String prefix, Instant appliedAt) {
    }

    /** An alert as the analyst first saw it: when its first call was made, and when the alert arrived. */
    record Caught(FraudAlert alert, Instant arrivedAt) {
        /** The block of the alert's subject, when the agent applied one. */
        java.util.Optional<AppliedBlock> block(List<AppliedBlock> blocks) {
            return blocks.stream().filter(b -> alert.customer().equals(b.customer())
                    && alert.subject().equals(b.prefix())).findFirst();
        }
    }

    private final String agentId;
    private final Instant start;
    private final Consumer<String> say;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Caught> caught = new CopyOnWriteArrayList<>();
    private final List<AppliedBlock> blocks = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    /** Reads from {@code start} on, telling {@code say} each new alert and block as a line. */
    DemoFeed(String bootstrap, String agentId, Instant start, Consumer<String> say) {
        this.agentId = agentId;
        this.start = start;
        this.say = say;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.FRAUD_ALERTS, Topics.INSTRUCTION_ACKS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.offsetsForTimes(partitions.stream().collect(Collectors.toMap(p -> p, p -> start.toEpochMilli())))
                .forEach((p, o) -> consumer.seek(p, o == null ? end.get(p) : o.offset()));
        reader = new Thread(this::read, "demo-feed");
        reader.setDaemon(true);
        reader.start();
    }

    List<AppliedBlock> blocks() {
        return List.copyOf(blocks);
    }

    /** Each distinct alert (rule, customer, subject) once, as it first arrived. */
    List<Caught> caught() {
        return List.copyOf(caught);
    }

    private void read() {
        while (!closed) {
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (r.topic().equals(Topics.FRAUD_ALERTS)) {
                        alert(JsonCodec.FRAUD_ALERT.decode(r.value()));
                    } else {
                        ack(InstructionAck.fromJson(r.value()));
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                say.accept("feed: skipped a record it could not read: " + e.getMessage());
            }
        }
    }

    private void alert(FraudAlert a) {
        // the job re-publishes an open alert as its evidence grows; the analyst is told once
        boolean known = caught.stream().map(Caught::alert).anyMatch(k -> k.ruleId().equals(a.ruleId())
                && k.customer().equals(a.customer()) && k.subject().equals(a.subject()));
        if (!known) {
            caught.add(new Caught(a, Instant.now()));
            say.accept(String.format("  ALERT  %-8s %-20s customer %s, %s (first call %s)",
                    a.severity().name().toLowerCase(java.util.Locale.ROOT),
                    a.ruleId(), a.customer(), a.subject(), since(a.firstEventTime())));
        }
    }

    private void ack(InstructionAck ack) {
        // the agent replays the compacted instructions when it starts: only this run's blocks are news
        if (!ack.type().equals("block") || !ack.agentId().equals(agentId) || ack.version() < start.toEpochMilli()) {
            return;
        }
        String[] parts = ack.subject().split(":");
        String customer = parts.length > 2 && parts[1].equals("customer") ? parts[2] : null;
        String prefix = parts.length > 4 && parts[3].equals("destination") ? parts[4] : null;
        blocks.add(new AppliedBlock(ack.subject(), customer, prefix, ack.appliedAt()));
        say.accept(String.format("  BLOCK  applied by the routing agent: %s (%d ms after it was issued)",
                ack.subject(), ack.lagMs()));
    }

    private String since(Instant t) {
        return "+" + Duration.between(start, t).toSeconds() + " s";
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        reader.join(5000);
        consumer.close(Duration.ofSeconds(2));
    }
}
