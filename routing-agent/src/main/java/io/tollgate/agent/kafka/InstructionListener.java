package io.tollgate.agent.kafka;

import io.tollgate.agent.AgentMetrics;
import io.tollgate.agent.InstructionBook;
import io.tollgate.ingest.kafka.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads every instruction on {@code tollgate.instructions} into the agent's {@link InstructionBook}, and keeps
 * reading.
 *
 * <p>Every agent must see every instruction, so there is no consumer group: the listener assigns itself all the
 * topic's partitions and starts from the beginning every time, which the compacted topic keeps short (the latest
 * instruction per subject). The end offsets found at start mark the replay: once they are reached the listener is
 * {@linkplain #caughtUp() caught up}, and the agent may take calls knowing every standing block. Each applied
 * instruction is acknowledged on {@code tollgate.instruction-acks}; a record that is not an instruction goes to the
 * dead-letter and the listener goes on. Partitions added to the topic later are read too, once the client's
 * metadata shows them (it refreshes every five minutes; the listener looks every 30 s).
 */
public final class InstructionListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstructionListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final InstructionIntake intake;
    private final List<AutoCloseable> resources;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    // The end offsets at start, per partition: what lies below them is replay. Touched by the listener thread only.
    private final Map<TopicPartition, Long> replayEnds = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean started;

    /** {@code resources} are closed after the consumer, in order. */
    InstructionListener(Consumer<String, byte[]> consumer, String topic, InstructionIntake intake,
            List<AutoCloseable> resources) {
        this.consumer = consumer;
        this.topic = topic;
        this.intake = intake;
        this.resources = List.copyOf(resources);
        this.thread = new Thread(this::run, "instruction-listener");
        thread.setDaemon(true);
    }

    /**
     * Starts listening on {@code tollgate.instructions}; acknowledges as {@code agentId}. Returns at once: wait with
     * {@link #awaitCaughtUp} before taking calls.
     */
    public static InstructionListener start(String bootstrap, InstructionBook book, String agentId,
            AgentMetrics metrics) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            KafkaInstructionAcks acks = KafkaInstructionAcks.connect(bootstrap, Topics.INSTRUCTION_ACKS, metrics);
            opened.add(acks);
            KafkaDeadLetters deadLetters = KafkaDeadLetters.connect(bootstrap, Topics.DEAD_LETTER);
            opened.add(deadLetters);
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrap, agentId),
                    new StringDeserializer(), new ByteArrayDeserializer());
            InstructionIntake intake = new InstructionIntake(agentId, book, acks, deadLetters, metrics,
                    Clock.systemUTC());
            return new InstructionListener(consumer, Topics.INSTRUCTIONS, intake, opened).listen();
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** No group and no commits: positions live only in this process, and every start replays the topic. */
    static Properties consumerConfig(String bootstrap, String agentId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tollgate-agent-" + agentId + "-instructions");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A position that is no longer on the log restarts from the beginning: replays are harmless, because an
        // instruction is applied only over an older version.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return props;
    }

    /** Starts the listener's thread. */
    InstructionListener listen() {
        started = true;
        thread.start();
        return this;
    }

    /** True once every instruction that was on the topic when the listener started has been read. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until {@link #caughtUp()}, at most {@code timeout}; returns whether it is. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void run() {
        try {
            if (!assignAll()) {
                return;
            }
            long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
            while (!isClosing()) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        accept(record);
                    }
                    intake.flushDeadLetters();
                    if (!caughtUp()) {
                        checkCaughtUp();
                    }
                    if (System.nanoTime() - nextPartitionCheck > 0) {
                        nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                        assignNewPartitions();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.error("reading {} failed; retrying in {} s", topic, RETRY.toSeconds(), e);
                    pause(RETRY);
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer up
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            intake.accept(record, record.offset() >= replayEnds.getOrDefault(partition, 0L));
        } catch (RuntimeException e) {
            // the consumer has moved past it already: report it and go on with the next
            LOG.error("the record at {}@{} was not handled", partition, record.offset(), e);
        }
    }

    /** Assigns every partition and seeks to the beginning; waits while the topic is missing. False if closed. */
    private boolean assignAll() {
        while (!isClosing()) {
            try {
                List<TopicPartition> partitions = partitions();
                if (partitions.isEmpty()) {
                    LOG.warn("topic {} does not exist; waiting for it (create it with: tollgate topics create)", topic);
                    pause(RETRY);
                    continue;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                replayEnds.putAll(consumer.endOffsets(partitions));
                LOG.info("replaying {} up to offsets {}", topic, replayEnds);
                checkCaughtUp();
                return true;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("cannot read the partitions of {}: {}; retrying in {} s", topic, e.toString(),
                        RETRY.toSeconds());
                pause(RETRY);
            }
        }
        return false;
    }

    private void checkCaughtUp() {
        for (Map.Entry<TopicPartition, Long> end : replayEnds.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        caughtUp.countDown();
        LOG.info("caught up with {}", topic);
    }

    /** Partitions created after the start hold only instructions published since: read them all, as live. */
    private void assignNewPartitions() {
        List<TopicPartition> all = partitions();
        List<TopicPartition> added = all.stream().filter(p -> !replayEnds.containsKey(p)).toList();
        if (added.isEmpty()) {
            return;
        }
        List<TopicPartition> assigned = new ArrayList<>(replayEnds.keySet());
        assigned.addAll(added);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
        added.forEach(p -> replayEnds.put(p, 0L));
        LOG.info("{} has new partitions {}; reading them too", topic, added);
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void pause(Duration duration) {
        try {
            closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    /** Stops the thread (waking the consumer up), then flushes the dead letters and the acknowledgements. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        if (started) {
            consumer.wakeup();
            try {
                thread.join(CLOSE_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("the instruction listener did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        } else {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
