package io.tollgate.agent;

import java.util.concurrent.TimeUnit;

/** Call control's reports, as Prometheus metrics. */
final class MeteredCalls implements CallStats {
    private final AgentMetrics metrics;

    MeteredCalls(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void callStarted() {
        metrics.activeCalls().incrementAndGet();
    }

    @Override
    public void callEnded() {
        metrics.activeCalls().decrementAndGet();
    }

    @Override
    public void refused(Refusal why) {
        metrics.callsRefused(why.label()).increment();
    }

    @Override
    public void attemptEnded(String vendor, int cause) {
        metrics.attempt(vendor, cause).increment();
    }

    @Override
    public void firstDial(long nanos) {
        metrics.firstDial().record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void routeLookup(long nanos) {
        metrics.routeLookup().record(nanos, TimeUnit.NANOSECONDS);
    }
}
