package io.tollgate.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Every meter of the routing agent, by name, in one Prometheus registry that {@code GET /metrics} scrapes.
 *
 * <p>Names are fixed here so that dashboards and alerts have one place to look. Meters with tags are created on first
 * use and then returned from the registry's cache, so a call site may ask for one per call. Timers publish a
 * Prometheus histogram (so p50/p99 can be computed across agents with {@code histogram_quantile}); the instruction
 * lag also publishes this agent's own p50/p99 as {@code tollgate_agent_instruction_lag_percentile_seconds}.
 */
public final class AgentMetrics {
    /**
     * The content type of {@link #scrape()}: Prometheus text format 0.0.4, what the registry writes when no other
     * format is asked for (prometheus-metrics' PrometheusTextFormatWriter.CONTENT_TYPE, a runtime-only dependency).
     */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public static final String ACTIVE_CALLS = "tollgate.agent.calls.active";
    public static final String ATTEMPTS = "tollgate.agent.attempts";
    public static final String ROUTE_LOOKUP = "tollgate.agent.route.lookup";
    public static final String FIRST_DIAL = "tollgate.agent.call.first.dial";
    public static final String ARI_REQUEST = "tollgate.agent.ari.request";
    public static final String CALLS_REFUSED = "tollgate.agent.calls.refused";
    public static final String EVENTS_PENDING = "tollgate.agent.events.pending";
    public static final String EVENTS_PUBLISH_LATENCY = "tollgate.agent.events.publish.latency";
    public static final String EVENTS_FAILED = "tollgate.agent.events.failed";
    public static final String INSTRUCTION_LAG = "tollgate.agent.instruction.lag";
    public static final String INSTRUCTION_LAG_PERCENTILE = "tollgate.agent.instruction.lag.percentile";
    public static final String INSTRUCTIONS = "tollgate.agent.instructions";
    public static final String INSTRUCTION_ACKS_FAILED = "tollgate.agent.instruction.acks.failed";

    private static final double[] LAG_QUANTILES = {0.5, 0.99};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Micrometer holds a gauge's object weakly: these fields keep them alive as long as the metrics are.
    private final AtomicInteger activeCalls = new AtomicInteger();
    private final AtomicReference<IntSupplier> pendingEvents = new AtomicReference<>(() -> 0);
    private final Timer routeLookup;
    private final Timer firstDial;
    private final Timer publishLatency;
    private final Timer instructionLag;
    private final Counter instructionAcksFailed;

    public AgentMetrics() {
        Gauge.builder(ACTIVE_CALLS, activeCalls, AtomicInteger::get)
                .description("calls in progress on this agent")
                .register(registry);
        // Registered up front (reading through a reference the event sink sets) so that the series exists, at 0,
        // before the first call: an absent series cannot fire an alert.
        Gauge.builder(EVENTS_PENDING, pendingEvents, p -> p.get().getAsInt())
                .description("call events accepted but not yet acknowledged by Kafka (queued and in flight)")
                .register(registry);
        routeLookup = Timer.builder(ROUTE_LOOKUP)
                .description("least-cost route decision for one call")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        firstDial = Timer.builder(FIRST_DIAL)
                .description("the agent's overhead per call: from the customer leg's StasisStart to the switch"
                        + " accepting the first vendor dial (bridge, ring, create, add, dial: five ARI round trips)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        publishLatency = Timer.builder(EVENTS_PUBLISH_LATENCY)
                .description("from a call event's publish to Kafka's acknowledgement (all in-sync replicas)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        instructionLag = Timer.builder(INSTRUCTION_LAG)
                .description("from an instruction's publication (record CreateTime) to its application here;"
                        + " instructions published after the agent started only")
                .publishPercentiles(LAG_QUANTILES)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                // instructions are rare: percentiles over the last hour rather than Micrometer's two minutes
                .distributionStatisticExpiry(Duration.ofHours(1))
                .register(registry);
        // The Prometheus registry exports a timer as a histogram only, dropping the client-side percentiles; these
        // gauges publish them, so one agent's p50/p99 can be read off a scrape without a query.
        for (double quantile : LAG_QUANTILES) {
            Gauge.builder(INSTRUCTION_LAG_PERCENTILE, instructionLag, lag -> percentile(lag, quantile))
                    .description("this agent's instruction lag percentiles over the last hour")
                    .tag("quantile", Double.toString(quantile))
                    .baseUnit("seconds")
                    .register(registry);
        }
        instructionAcksFailed = Counter.builder(INSTRUCTION_ACKS_FAILED)
                .description("instruction acknowledgements that could not be published")
                .register(registry);
        eventsFailed("delivery");
    }

    /** The registry itself, to bind more meters (JVM, Kafka client) to the same scrape. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Calls in progress on this agent: increment at setup, decrement at end. */
    public AtomicInteger activeCalls() {
        return activeCalls;
    }

    /** Route attempts, by vendor and the Q.850 cause they ended with. */
    public Counter attempt(String vendor, int cause) {
        return Counter.builder(ATTEMPTS)
                .description("route attempts by vendor and final Q.850 cause")
                .tag("vendor", Objects.requireNonNullElse(vendor, "none"))
                .tag("cause", Integer.toString(cause))
                .register(registry);
    }

    /** StasisStart to the first vendor dial accepted. */
    public Timer firstDial() {
        return firstDial;
    }

    /** The least-cost routing decision of one call. */
    public Timer routeLookup() {
        return routeLookup;
    }

    /** One ARI REST request, by operation (such as {@code originate}, {@code bridge.create}). */
    public Timer ariRequest(String operation) {
        return Timer.builder(ARI_REQUEST)
                .description("ARI REST requests by operation")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Calls the agent refused, by reason (such as {@code blocked}, {@code no-route}, {@code events-backlog}). */
    public Counter callsRefused(String reason) {
        return Counter.builder(CALLS_REFUSED)
                .description("calls refused by this agent, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** Makes {@code pending} the source of the pending call events gauge (the last call wins). */
    public void trackPendingEvents(IntSupplier pending) {
        pendingEvents.set(Objects.requireNonNull(pending));
    }

    /** From a call event's publish to its acknowledgement by Kafka. */
    public Timer eventPublishLatency() {
        return publishLatency;
    }

    /**
     * Call events lost, by reason: {@code delivery} (Kafka did not acknowledge within the delivery timeout),
     * {@code overflow} (the buffer was full), {@code closed} (not delivered before the sink closed).
     */
    public Counter eventsFailed(String reason) {
        return Counter.builder(EVENTS_FAILED)
                .description("call events that were not delivered to Kafka, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** From an instruction's publication to its application on this agent. */
    public Timer instructionLag() {
        return instructionLag;
    }

    /**
     * Instructions read, by outcome: {@code applied}, {@code superseded} (the agent holds a newer one),
     * {@code refused} (undecodable: dead-lettered), {@code failed} (applying threw), {@code tombstone}.
     */
    public Counter instructions(String outcome) {
        return Counter.builder(INSTRUCTIONS)
                .description("instructions read from the instructions topic, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    public Counter instructionAcksFailed() {
        return instructionAcksFailed;
    }

    private static double percentile(Timer timer, double quantile) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == quantile) {
                return value.value(TimeUnit.SECONDS);
            }
        }
        return Double.NaN;
    }

    /** Every meter in Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }
}
