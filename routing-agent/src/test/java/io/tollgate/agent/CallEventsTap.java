package io.tollgate.agent;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads tollgate.call-events from the moment it is opened, as the agent's consumers would: every record is
 * decoded, checked to be keyed by its call id, and kept per call.
 */
final class CallEventsTap implements AutoCloseable {
    private final Map<String, List<CallEvent>> byCall = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    CallEventsTap(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CALL_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any call is placed
        poller = new Thread(this::poll, "call-events-tap");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    CallEvent event = JsonCodec.CALL_EVENT.decode(r.value());
                    if (!event.callId().equals(r.key())) {
                        problems.add("record at offset " + r.offset() + " keyed " + r.key() + " for call " + event.callId());
                    }
                    byCall.computeIfAbsent(event.callId(), k -> new CopyOnWriteArrayList<>()).add(event);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            problems.add(e.toString());
        } finally {
            consumer.close();
        }
    }

    /** The call's events in sequence order once its END has arrived; fails after {@code patience}. */
    List<CallEvent> ended(String callId, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<CallEvent> events = of(callId);
            if (events.stream().anyMatch(e -> e.type() == CallEvent.Type.END)) {
                return events;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no END for call " + callId + " within " + patience.toSeconds() + " s; seen: " + of(callId));
    }

    /** The id of the call whose SETUP is for {@code number} (tests dial unique numbers); fails after {@code patience}. */
    String callTo(String number, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, List<CallEvent>> call : byCall.entrySet()) {
                for (CallEvent e : call.getValue()) {
                    if (e.type() == CallEvent.Type.SETUP && number.equals(e.bNumber())) {
                        return call.getKey();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no call to " + number + " set up within " + patience.toSeconds() + " s");
    }

    /** Waits until an event of {@code type} for the call has arrived. */
    CallEvent await(String callId, CallEvent.Type type, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            for (CallEvent e : of(callId)) {
                if (e.type() == type) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " for call " + callId + " within " + patience.toSeconds() + " s; seen: "
                + of(callId));
    }

    List<CallEvent> of(String callId) {
        List<CallEvent> events = new ArrayList<>(byCall.getOrDefault(callId, List.of()));
        events.sort(Comparator.comparingLong(CallEvent::seq));
        return events;
    }

    /** Calls whose events were seen, for counting. */
    java.util.Set<String> calls() {
        return byCall.keySet();
    }

    List<String> problems() {
        return problems;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5000);
    }
}
