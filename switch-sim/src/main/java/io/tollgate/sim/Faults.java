package io.tollgate.sim;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults on demand, for testing that a client survives what a real switch does to it: the event WebSocket dropped
 * (now, or every N seconds), events delivered late, a share of REST requests failing with 500, and a restart that
 * loses every channel and bridge. The same operations are served over REST under {@code /sim/faults/...}.
 */
public final class Faults {
    private final Exchange exchange;
    private volatile long eventDelayMillis;
    private volatile double failShare;
    private ScheduledFuture<?> dropping;

    Faults(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Closes every event WebSocket now. Applications lose their registration; channels and bridges stay. */
    public void dropEventSocketsNow() {
        exchange.run(exchange::dropEventSockets);
    }

    /** Closes every event WebSocket every {@code period}; null or zero stops it. */
    public synchronized void dropEventSocketsEvery(Duration period) {
        dropEventSocketsEvery(period, null);
    }

    /**
     * Closes the event WebSocket of application {@code app} (every application when null) every {@code period};
     * a load test drops the agent's while the traffic generator, a client too, keeps its own.
     */
    public synchronized void dropEventSocketsEvery(Duration period, String app) {
        if (dropping != null) {
            dropping.cancel(false);
            dropping = null;
        }
        if (period != null && !period.isZero() && !period.isNegative()) {
            dropping = exchange.every(period.toMillis(), () -> exchange.dropEventSockets(a -> app == null || a.equals(app)));
        }
    }

    /** Holds every event back by {@code delay} (zero for none). Order is kept. */
    public void delayEvents(Duration delay) {
        eventDelayMillis = delay == null ? 0 : Math.max(0, delay.toMillis());
    }

    /** Fails this share (0..1) of ARI REST requests with 500 before they do anything. */
    public void failRequests(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be within 0..1: " + share);
        }
        failShare = share;
    }

    /** Like an Asterisk restart: every event socket drops and every channel and bridge is gone. */
    public void restart() {
        exchange.run(exchange::restart);
    }

    /** Removes every fault. */
    public void clear() {
        dropEventSocketsEvery(null);
        delayEvents(Duration.ZERO);
        failRequests(0);
    }

    long eventDelayMillis() {
        return eventDelayMillis;
    }

    /** Draws whether this request fails. */
    boolean failThisRequest() {
        double share = failShare;
        return share > 0 && ThreadLocalRandom.current().nextDouble() < share;
    }
}
