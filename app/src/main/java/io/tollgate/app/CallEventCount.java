package io.tollgate.app;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, from the moment it opens, one agent's calls on tollgate.call-events: the calls set up and the calls
 * whose stream was closed (an END), so a load test can hold them against its ground truth.
 */
final class CallEventCount implements AutoCloseable {
    private final String agentId;
    private final Set<String> setUp = ConcurrentHashMap.newKeySet();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final AtomicLong events = new AtomicLong();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    CallEventCount(String bootstrap, String agentId) {
        this.agentId = agentId;
        // few large fetches: it shares the machine with what it measures, and answering a fetch per few events
        // made it a seventh of the simulator process's CPU at 200 calls/s
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CALL_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = new Thread(this::poll, "call-event-count");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(1000))) {
                    CallEvent e = JsonCodec.CALL_EVENT.decode(r.value());
                    if (!agentId.equals(e.agentId())) {
                        continue;
                    }
                    events.incrementAndGet();
                    if (e.type() == CallEvent.Type.SETUP) {
                        setUp.add(e.callId());
                    } else if (e.type() == CallEvent.Type.END) {
                        ended.add(e.callId());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    long setUp() {
        return setUp.size();
    }

    long ended() {
        return ended.size();
    }

    long events() {
        return events.get();
    }

    /** Calls set up whose END has not been seen. */
    long open() {
        return setUp.stream().filter(id -> !ended.contains(id)).count();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5000);
    }
}
