package io.tollgate.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits a customer's new calls within its limits: calls up at once, calls per second (over the last whole
 * second, so a burst cannot exceed the rate at any moment), and a length no longer than its credit pays for.
 * Thread-safe: calls of one customer are set up on different threads.
 */
public final class Admission {
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private final Duration longest;

    /** @param longest the longest call allowed whatever the credit */
    public Admission(Duration longest) {
        this.longest = longest;
    }

    /** Takes a call slot for the customer, or says why not; a granted slot must be {@linkplain #release released}. */
    public Refusal admit(String customer, CustomerLimits limits, long nowNanos) {
        if (limits.credit().signum() <= 0) {
            return Refusal.NO_CREDIT;
        }
        Usage u = usage.computeIfAbsent(customer, c -> new Usage());
        synchronized (u) {
            if (u.active >= limits.concurrentCalls()) {
                return Refusal.OVER_CONCURRENT_CALLS;
            }
            if (!u.window.tryTake(limits.cps(), nowNanos)) {
                return Refusal.OVER_CPS;
            }
            u.active++;
            return null;
        }
    }

    public void release(String customer) {
        Usage u = usage.get(customer);
        if (u != null) {
            synchronized (u) {
                u.active = Math.max(0, u.active - 1);
            }
        }
    }

    public int active(String customer) {
        Usage u = usage.get(customer);
        if (u == null) {
            return 0;
        }
        synchronized (u) {
            return u.active;
        }
    }

    /**
     * How long a call may last: what the credit buys at the customer's rate per minute (whole seconds, rounded
     * down so the credit is never overdrawn), and never longer than the agent's own maximum.
     */
    public Duration maxDuration(BigDecimal credit, BigDecimal ratePerMinute) {
        if (ratePerMinute == null || ratePerMinute.signum() <= 0) {
            return longest;
        }
        BigDecimal seconds = credit.multiply(BigDecimal.valueOf(60)).divide(ratePerMinute, 0, RoundingMode.DOWN);
        return seconds.compareTo(BigDecimal.valueOf(longest.toSeconds())) >= 0 ? longest
                : Duration.ofSeconds(seconds.longValueExact());
    }

    private static final class Usage {
        int active;
        final SecondWindow window = new SecondWindow();
    }

    /** Start times of the calls admitted in the last second, as a ring of at most {@code cps} entries. */
    static final class SecondWindow {
        private static final long SECOND = 1_000_000_000L;
        private long[] starts = new long[0];
        private int next;

        boolean tryTake(int cps, long now) {
            if (starts.length != cps) {
                starts = new long[cps];
                java.util.Arrays.fill(starts, Long.MIN_VALUE / 2);
                next = 0;
            }
            // the oldest of the last cps admissions must be at least a second old
            if (now - starts[next] < SECOND) {
                return false;
            }
            starts[next] = now;
            next = (next + 1) % cps;
            return true;
        }
    }
}
