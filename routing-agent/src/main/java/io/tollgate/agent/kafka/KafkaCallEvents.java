package io.tollgate.agent.kafka;

import io.tollgate.agent.AgentMetrics;
import io.tollgate.agent.CallEventSink;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Publishes call events on {@code tollgate.call-events}, keyed by call id, without ever making a call wait on Kafka.
 *
 * <p>{@link #publish} only enqueues; a thread of its own hands events to an idempotent producer (acks=all) in the
 * order they were published, and the key puts every event of a call on one partition, so a call's events are read
 * back in the order its thread published them. The buffer counts an event from {@link #publish} until Kafka
 * acknowledges it. {@link #hasRoomFor} admits new calls while that count stays within the bound; beyond it, up to
 * the headroom, events are still taken, so that calls already in progress during a Kafka outage can finish their
 * events rather than lose them. An event that is lost anyway (the buffer full past the headroom, delivery
 * failing after the delivery timeout, or still unacknowledged when the sink is closed) is logged as an error with
 * its call id, sequence number and type, and counted in {@code tollgate.agent.events.failed}.
 */
public final class KafkaCallEvents implements CallEventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCallEvents.class);

    /**
     * How the sink is laid out.
     *
     * @param bound           events pending (queued or unacknowledged) up to which new calls are admitted
     * @param headroom        events taken beyond {@code bound} for calls already in progress
     * @param deliveryTimeout how long the producer keeps retrying one event before it is lost (Kafka requires at
     *                        least its request timeout, 30 s, plus the linger)
     * @param closeTimeout    how long {@link #close()} waits for pending events to be acknowledged
     */
    public record Settings(String bootstrap, String topic, int bound, int headroom, Duration deliveryTimeout,
            Duration closeTimeout) {
        public static final int DEFAULT_BOUND = 100_000;
        public static final int DEFAULT_HEADROOM = 10_000;
        /**
         * Ten minutes: long enough to ride out a broker restart, a controller failover or a network partition of
         * minutes with the events kept and retried. Losing call events loses billing data, while holding them costs
         * only memory the bound already limits; once the buffer is full the agent refuses new calls anyway.
         */
        public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(10);
        public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

        public Settings {
            Objects.requireNonNull(bootstrap, "bootstrap");
            Objects.requireNonNull(topic, "topic");
            if (bound < 1 || headroom < 0) {
                throw new IllegalArgumentException("bound must be at least 1 and headroom at least 0, got " + bound
                        + " and " + headroom);
            }
            Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
        }

        /** The defaults on {@code tollgate.call-events}. */
        public static Settings defaults(String bootstrap) {
            return new Settings(bootstrap, Topics.CALL_EVENTS, DEFAULT_BOUND, DEFAULT_HEADROOM, DEFAULT_DELIVERY_TIMEOUT,
                    DEFAULT_CLOSE_TIMEOUT);
        }

        public Settings withBound(int bound, int headroom) {
            return new Settings(bootstrap, topic, bound, headroom, deliveryTimeout, closeTimeout);
        }

        public Settings withDeliveryTimeout(Duration deliveryTimeout) {
            return new Settings(bootstrap, topic, bound, headroom, deliveryTimeout, closeTimeout);
        }

        public Settings withCloseTimeout(Duration closeTimeout) {
            return new Settings(bootstrap, topic, bound, headroom, deliveryTimeout, closeTimeout);
        }
    }

    private final Settings settings;
    private final AgentMetrics metrics;
    private final ProducerQueue<CallEvent> queue;
    private volatile boolean closing;

    KafkaCallEvents(Settings settings, Producer<String, byte[]> producer, AgentMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.queue = ProducerQueue.start("call-events-publisher", producer, settings.bound() + settings.headroom(),
                event -> new ProducerRecord<>(settings.topic(), event.callId(), JsonCodec.CALL_EVENT.encode(event)),
                new ProducerQueue.Outcome<>() {
                    @Override
                    public void delivered(CallEvent event, long nanos) {
                        metrics.eventPublishLatency().record(nanos, TimeUnit.NANOSECONDS);
                    }

                    @Override
                    public void failed(CallEvent event, Exception cause) {
                        if (closing) {
                            lost(event, "closed", "not delivered before the sink closed: " + cause);
                        } else {
                            lost(event, "delivery", "Kafka did not acknowledge it: " + cause);
                        }
                    }
                });
        metrics.trackPendingEvents(queue::pending);
    }

    /** A sink with the default settings on {@code bootstrap}. */
    public static KafkaCallEvents connect(String bootstrap, AgentMetrics metrics) {
        return connect(Settings.defaults(bootstrap), metrics);
    }

    public static KafkaCallEvents connect(Settings settings, AgentMetrics metrics) {
        return new KafkaCallEvents(settings, new KafkaProducer<>(producerConfig(settings), new StringSerializer(),
                new ByteArraySerializer()), metrics);
    }

    /**
     * Idempotent with acks=all: an event counts as delivered once every in-sync replica has it, and retries never
     * write it twice nor reorder a partition (at most 5 requests in flight, the most idempotence keeps in order).
     * Only the sink's own thread calls send(), so it may wait for metadata as long as an event may wait at all.
     */
    static Properties producerConfig(Settings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tollgate-agent-call-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(settings.deliveryTimeout().toMillis()));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(settings.deliveryTimeout().toMillis()));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // 20 ms of batching: fraud rules act on these events within seconds, and at 5 ms the producer's and the
        // broker's per-request work was most of what publishing cost at load (one request per broker per linger)
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        // a batch holds what 20 ms bring to one partition, a dozen events of ~250 bytes at 500 calls/s; the
        // producer pools every batch buffer it ever freed, so the default 16 KiB kept ~0.6 MB for good after a
        // load test (and could keep up to buffer.memory after a backlog)
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "4096");
        // and the pool is never given back: after a publish backlog in a 10-minute load test it held 2.6 MB (639
        // buffers) for good; 1 MiB (256 batches, ~3,500 events) keeps Kafka busy, and beyond it send() waits while
        // this sink's own bounded queue holds the events
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(1 << 20));
        return props;
    }

    /** Enqueues {@code event}; never blocks. A call's events must be published from one thread at a time. */
    @Override
    public void publish(CallEvent event) {
        switch (queue.offer(Objects.requireNonNull(event, "event"))) {
            case ACCEPTED:
                return;
            case FULL:
                lost(event, "overflow", "the buffer of " + queue.capacity() + " events is full");
                return;
            case CLOSED:
            default:
                lost(event, "closed", "the sink is closed");
        }
    }

    /** True while the events pending plus {@code events} stay within the bound. */
    @Override
    public boolean hasRoomFor(int events) {
        return queue.pending() + (long) events <= settings.bound();
    }

    /** Events published and not yet acknowledged (or failed). */
    public int pending() {
        return queue.pending();
    }

    /** Closes with the settings' close timeout. */
    @Override
    public void close() {
        close(settings.closeTimeout());
    }

    /** Stops taking events and waits up to {@code timeout} for the pending ones; those left are logged as lost. */
    public void close(Duration timeout) {
        closing = true;
        int before = queue.pending();
        queue.close(timeout);
        if (before > 0) {
            LOG.info("call event sink closed; {} events were pending", before);
        }
    }

    private void lost(CallEvent event, String reason, String why) {
        metrics.eventsFailed(reason).increment();
        LOG.error("call event lost: callId={} seq={} type={} was not published on {}: {}", event.callId(),
                event.seq(), event.type(), settings.topic(), why);
    }
}
