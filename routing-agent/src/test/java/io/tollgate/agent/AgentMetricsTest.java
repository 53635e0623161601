package io.tollgate.agent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The agent's meters as Prometheus scrapes them. */
class AgentMetricsTest {
    private final AgentMetrics metrics = new AgentMetrics();

    @Test
    void theSeriesAlertsDependOnExistBeforeAnythingHappens() {
        assertThat(metrics.scrape()).contains(
                "tollgate_agent_calls_active 0.0",
                "tollgate_agent_events_pending 0.0",
                "tollgate_agent_events_failed_total{reason=\"delivery\"} 0.0",
                "tollgate_agent_instruction_acks_failed_total 0.0",
                "tollgate_agent_instruction_lag_seconds_count 0",
                "tollgate_agent_events_publish_latency_seconds_count 0",
                "tollgate_agent_route_lookup_seconds_count 0");
    }

    @Test
    void callControlMetersAreNamedAndTagged() {
        metrics.activeCalls().set(3);
        metrics.attempt("carrier-b", 16).increment();
        metrics.attempt("carrier-b", 16).increment();
        metrics.attempt("carrier-c", 34).increment();
        metrics.callsRefused("blocked").increment();
        metrics.routeLookup().record(120, TimeUnit.MICROSECONDS);
        metrics.ariRequest("originate").record(8, TimeUnit.MILLISECONDS);

        assertThat(metrics.scrape()).contains(
                "tollgate_agent_calls_active 3.0",
                "tollgate_agent_attempts_total{cause=\"16\",vendor=\"carrier-b\"} 2.0",
                "tollgate_agent_attempts_total{cause=\"34\",vendor=\"carrier-c\"} 1.0",
                "tollgate_agent_calls_refused_total{reason=\"blocked\"} 1.0",
                "tollgate_agent_route_lookup_seconds_count 1",
                "tollgate_agent_ari_request_seconds_count{operation=\"originate\"} 1",
                "tollgate_agent_ari_request_seconds_bucket{operation=\"originate\",le=\"+Inf\"} 1");
    }

    @Test
    void theSameTagsGiveTheSameMeter() {
        assertThat(metrics.attempt("carrier-b", 16)).isSameAs(metrics.attempt("carrier-b", 16));
        assertThat(metrics.ariRequest("answer")).isSameAs(metrics.ariRequest("answer"));
    }

    @Test
    void instructionLagIsAHistogramWithThisAgentsP50AndP99() {
        IntStream.rangeClosed(1, 100).forEach(ms -> metrics.instructionLag().record(ms * 10L, TimeUnit.MILLISECONDS));

        String scrape = metrics.scrape();
        assertThat(scrape).contains("# TYPE tollgate_agent_instruction_lag_seconds histogram",
                "tollgate_agent_instruction_lag_seconds_bucket{le=\"+Inf\"} 100",
                "tollgate_agent_instruction_lag_seconds_count 100");
        assertThat(quantile(scrape, "0.5")).isCloseTo(0.5, within(0.05));
        assertThat(quantile(scrape, "0.99")).isCloseTo(0.99, within(0.05));
    }

    @Test
    void pendingEventsFollowTheSinkThatTracksThem() {
        AtomicInteger pending = new AtomicInteger(42);

        metrics.trackPendingEvents(pending::get);

        assertThat(metrics.scrape()).contains("tollgate_agent_events_pending 42.0");
        pending.set(7);
        assertThat(metrics.scrape()).contains("tollgate_agent_events_pending 7.0");
    }

    private static double quantile(String scrape, String quantile) {
        String prefix = "tollgate_agent_instruction_lag_percentile_seconds{quantile=\"" + quantile + "\"} ";
        return scrape.lines().filter(l -> l.startsWith(prefix)).map(l -> Double.parseDouble(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in\n" + scrape));
    }
}
