package io.tollgate.sim.traffic;

import java.time.Duration;
import java.util.function.LongFunction;

/**
 * A stream of calls from one customer at a steady rate during a window of the run: the ordinary traffic, or a
 * fraud scenario switched on for a while.
 *
 * @param numbers the B-number of this source's n-th call (n from 0)
 */
public record Source(String name, String customer, String callerEndpoint, double cps, Duration from, Duration until,
                     LongFunction<String> numbers) {

    public Source {
        if (cps <= 0) {
            throw new IllegalArgumentException(name + ": calls per second must be positive, got " + cps);
        }
        if (until.compareTo(from) <= 0) {
            throw new IllegalArgumentException(name + ": the window must end after it starts");
        }
    }

    boolean activeAt(Duration t) {
        return t.compareTo(from) >= 0 && t.compareTo(until) < 0;
    }
}
