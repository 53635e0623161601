package io.tollgate.core.routing;

import java.time.Instant;

/**
 * The routes of one prefix over time: stretch i begins at {@code seconds[i]} and {@code nanos[i]} (stretch 0 at
 * the beginning of time), and within a stretch every vendor's row is the same; {@code routes[i]} is its route list,
 * sorted by rate then vendor id. Route objects are made once and shared by every prefix they serve. The start
 * times are flat arrays rather than {@code Instant}s, so a search reads a cache line or two instead of an object
 * per probe.
 */
final class PrefixPlan {
    private final long[] seconds;
    private final int[] nanos;
    private final RouteList[] routes;

    PrefixPlan(Instant[] starts, RouteList[] routes) {
        this.seconds = new long[starts.length];
        this.nanos = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            seconds[i] = starts[i].getEpochSecond();
            nanos[i] = starts[i].getNano();
        }
        this.routes = routes;
    }

    /** The routes at {@code t} of a prefix whose plan is {@code plan}: a {@link RouteList} or a {@code PrefixPlan}. */
    static RouteList routes(Object plan, Instant t) {
        return plan instanceof PrefixPlan p ? p.routes[p.stretchAt(t)] : (RouteList) plan;
    }

    /** The last stretch that begins at or before {@code t}. */
    int stretchAt(Instant t) {
        long second = t.getEpochSecond();
        int low = 1;
        int high = seconds.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long s = seconds[mid];
            if (s < second || s == second && nanos[mid] <= t.getNano()) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high;
    }

    RouteList routes(int stretch) {
        return routes[stretch];
    }

    int stretches() {
        return routes.length;
    }

    Instant start(int stretch) {
        return Instant.ofEpochSecond(seconds[stretch], nanos[stretch]);
    }
}
