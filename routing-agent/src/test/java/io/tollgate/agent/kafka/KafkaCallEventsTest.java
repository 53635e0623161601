package io.tollgate.agent.kafka;

import ch.qos.logback.classic.Level;
import io.tollgate.agent.AgentMetrics;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.json.JsonCodec;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The call event sink against a mock producer: order, key and value, the bound, and every loss reported. */
class KafkaCallEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOPIC = "tollgate.call-events";

    private final AgentMetrics metrics = new AgentMetrics();
    private final LogCapture log = new LogCapture(KafkaCallEvents.class);
    private final List<KafkaCallEvents> sinks = new ArrayList<>();

    @AfterEach
    void closeSinks() {
        sinks.forEach(s -> s.close(Duration.ZERO));
        log.close();
    }

    @Test
    void eventsAreSentInPublishOrderKeyedByCallIdAsCallEventJson() {
        MockProducer<String, byte[]> producer = producer(true);
        KafkaCallEvents sink = sink(producer, 100, 0);
        List<CallEvent> published = List.of(event("call-a", 0, CallEvent.Type.SETUP),
                event("call-b", 0, CallEvent.Type.SETUP), event("call-a", 1, CallEvent.Type.ATTEMPT),
                event("call-a", 2, CallEvent.Type.ANSWER), event("call-b", 1, CallEvent.Type.END));

        published.forEach(sink::publish);

        Await.until(WAIT, () -> producer.history().size() == published.size(), "all events sent");
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        for (int i = 0; i < published.size(); i++) {
            assertThat(sent.get(i).topic()).isEqualTo(TOPIC);
            assertThat(sent.get(i).key()).isEqualTo(published.get(i).callId());
            assertThat(JsonCodec.CALL_EVENT.decode(sent.get(i).value())).isEqualTo(published.get(i));
        }
    }

    @Test
    void eachCallKeepsItsOrderWhileManyCallsPublishAtOnce() throws Exception {
        MockProducer<String, byte[]> producer = producer(true);
        KafkaCallEvents sink = sink(producer, 100_000, 0);
        int calls = 8;
        int events = 500;

        List<Thread> threads = IntStream.range(0, calls).mapToObj(c -> new Thread(() -> {
            for (int seq = 0; seq < events; seq++) {
                sink.publish(event("call-" + c, seq, CallEvent.Type.PROGRESS));
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        Await.until(WAIT, () -> producer.history().size() == calls * events, "all events sent");
        Map<String, List<Long>> seqsByKey = new LinkedHashMap<>();
        for (ProducerRecord<String, byte[]> r : producer.history()) {
            seqsByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JsonCodec.CALL_EVENT.decode(r.value()).seq());
        }
        assertThat(seqsByKey).hasSize(calls);
        seqsByKey.forEach((call, seqs) -> assertThat(seqs).as(call)
                .containsExactlyElementsOf(LongStream.range(0, events).boxed().toList()));
    }

    @Test
    void hasRoomForCountsEventsUntilKafkaAcknowledgesThem() {
        MockProducer<String, byte[]> producer = producer(false);
        KafkaCallEvents sink = sink(producer, 10, 0);

        for (int seq = 0; seq < 9; seq++) {
            sink.publish(event("call-a", seq, CallEvent.Type.PROGRESS));
        }
        assertThat(sink.hasRoomFor(1)).isTrue();
        assertThat(sink.hasRoomFor(2)).isFalse();

        sink.publish(event("call-a", 9, CallEvent.Type.END));
        assertThat(sink.hasRoomFor(1)).isFalse();
        assertThat(sink.hasRoomFor(0)).isTrue();

        Await.until(WAIT, () -> producer.history().size() == 10, "all handed to the producer");
        assertThat(sink.hasRoomFor(1)).as("sent but not acknowledged still counts").isFalse();
        producer.completeNext();
        producer.completeNext();
        producer.completeNext();

        assertThat(sink.pending()).isEqualTo(7);
        assertThat(sink.hasRoomFor(3)).isTrue();
        assertThat(sink.hasRoomFor(4)).isFalse();
        assertThat(metrics.registry().get(AgentMetrics.EVENTS_PENDING).gauge().value()).isEqualTo(7.0);
    }

    @Test
    void publishNeverWaitsOnAStuckProducerAndReportsWhatOverflows() {
        StuckProducer producer = new StuckProducer();
        KafkaCallEvents sink = sink(producer, 5, 2);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int seq = 0; seq < 20; seq++) {
                sink.publish(event("call-a", seq, CallEvent.Type.PROGRESS));
            }
        });

        assertThat(sink.hasRoomFor(1)).isFalse();
        assertThat(sink.pending()).as("bound plus headroom").isEqualTo(7);
        assertThat(metrics.eventsFailed("overflow").count()).isEqualTo(13);
        assertThat(log.messages(Level.ERROR)).hasSize(13)
                .allMatch(m -> m.contains("callId=call-a") && m.contains("type=PROGRESS"))
                .anyMatch(m -> m.contains("seq=19"));
        producer.release();
    }

    @Test
    void aDeliveryThatFailsIsLoggedWithTheEventAndCounted() {
        MockProducer<String, byte[]> producer = producer(false);
        KafkaCallEvents sink = sink(producer, 10, 0);
        sink.publish(event("call-x", 3, CallEvent.Type.ANSWER));
        Await.until(WAIT, () -> producer.history().size() == 1, "handed to the producer");

        producer.errorNext(new TimeoutException("Expiring 1 record(s) for tollgate.call-events-0: 600000 ms has passed"));

        assertThat(metrics.eventsFailed("delivery").count()).isEqualTo(1);
        assertThat(sink.pending()).isZero();
        assertThat(log.messages(Level.ERROR)).singleElement().asString()
                .contains("callId=call-x", "seq=3", "type=ANSWER", "Expiring 1 record(s)");
    }

    @Test
    void latencyIsMeasuredFromPublishToAcknowledgement() {
        MockProducer<String, byte[]> producer = producer(false);
        KafkaCallEvents sink = sink(producer, 10, 0);
        sink.publish(event("call-a", 0, CallEvent.Type.SETUP));
        Await.until(WAIT, () -> producer.history().size() == 1, "handed to the producer");
        assertThat(metrics.eventPublishLatency().count()).isZero();

        producer.completeNext();

        assertThat(metrics.eventPublishLatency().count()).isEqualTo(1);
        assertThat(metrics.eventsFailed("delivery").count()).isZero();
    }

    @Test
    void closeSendsWhatIsQueuedAndClosesTheProducer() {
        MockProducer<String, byte[]> producer = producer(true);
        KafkaCallEvents sink = sink(producer, 1000, 0);
        for (int seq = 0; seq < 500; seq++) {
            sink.publish(event("call-a", seq, CallEvent.Type.PROGRESS));
        }

        sink.close();

        assertThat(producer.history()).hasSize(500);
        assertThat(producer.closed()).isTrue();
        assertThat(sink.pending()).isZero();
        assertThat(log.messages(Level.ERROR)).isEmpty();
    }

    @Test
    void closeGivesUpAtItsTimeoutAndReportsEveryEventLeft() {
        StuckProducer producer = new StuckProducer();
        KafkaCallEvents sink = sink(producer, 10, 0);
        for (int seq = 0; seq < 3; seq++) {
            sink.publish(event("call-a", seq, CallEvent.Type.PROGRESS));
        }

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> sink.close(Duration.ofMillis(200)));

        assertThat(metrics.eventsFailed("closed").count()).isEqualTo(3);
        assertThat(sink.pending()).isZero();
        assertThat(log.messages(Level.ERROR)).hasSize(3).anyMatch(m -> m.contains("seq=0")).anyMatch(m -> m.contains("seq=2"));
    }

    @Test
    void anEventPublishedAfterCloseIsReportedLost() {
        KafkaCallEvents sink = sink(producer(true), 10, 0);
        sink.close();

        sink.publish(event("call-late", 7, CallEvent.Type.END));

        assertThat(metrics.eventsFailed("closed").count()).isEqualTo(1);
        assertThat(log.messages(Level.ERROR)).singleElement().asString().contains("callId=call-late", "seq=7");
    }

    @Test
    void theProducerIsIdempotentAndRetriesForTheWholeDeliveryTimeout() {
        KafkaCallEvents.Settings settings = KafkaCallEvents.Settings.defaults("127.0.0.1:9");
        Properties config = KafkaCallEvents.producerConfig(settings);

        assertThat(settings.bound()).isEqualTo(100_000);
        assertThat(settings.deliveryTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000")
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
        // Kafka checks the combination (delivery timeout >= linger + request timeout) when it builds a producer
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()).close(Duration.ZERO);
    }

    private KafkaCallEvents sink(MockProducer<String, byte[]> producer, int bound, int headroom) {
        KafkaCallEvents sink = new KafkaCallEvents(KafkaCallEvents.Settings.defaults("unused:9092")
                .withBound(bound, headroom).withCloseTimeout(Duration.ofSeconds(2)), producer, metrics);
        sinks.add(sink);
        return sink;
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(),
                new ByteArraySerializer());
    }

    static CallEvent event(String callId, long seq, CallEvent.Type type) {
        boolean ends = type == CallEvent.Type.HANGUP || type == CallEvent.Type.END;
        return new CallEvent(type, callId, callId, Instant.ofEpochMilli(1_750_000_000_000L + seq), "acme",
                "442071234567", "4915112345678", "carrier-b", ends ? 16 : null, "agent-1", seq);
    }

    /** A producer whose send() waits, as KafkaProducer's does for metadata while no broker answers. */
    private static final class StuckProducer extends MockProducer<String, byte[]> {
        private final CountDownLatch released = new CountDownLatch(1);

        StuckProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        void release() {
            released.countDown();
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            try {
                released.await();
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            }
            return super.send(record, callback);
        }
    }
}
