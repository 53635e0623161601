package io.tollgate.app.console;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The time axis of a statistics series: [from, to) cut into steps from {@code from} on. Point {@code i} covers
 * [from + i·step, from + (i+1)·step), cut short at {@code to} for the last one when the period is not a whole number
 * of steps. At most {@link #MAX_POINTS} points, so one request cannot ask ClickHouse for a year by the minute.
 */
record StatsWindow(Instant from, Instant to, String stepLabel, Duration step) {
    static final int MAX_POINTS = 2000;

    /** The steps of the traffic series. */
    static final Map<String, Duration> TRAFFIC_STEPS = steps("1m", Duration.ofMinutes(1), "5m", Duration.ofMinutes(5),
            "1h", Duration.ofHours(1));
    /** The steps of the margin series. */
    static final Map<String, Duration> MARGIN_STEPS = steps("1h", Duration.ofHours(1), "1d", Duration.ofDays(1));

    /** Checks the query parameters; {@code step} null or empty is the first allowed step. */
    static StatsWindow of(String from, String to, String step, Map<String, Duration> allowed) {
        Instant start = FinanceInput.time("from", from);
        Instant end = FinanceInput.time("to", to);
        if (!end.isAfter(start)) {
            throw new BadRequest("to", "'to' must be after 'from': " + from + " .. " + to);
        }
        String label = step == null || step.isEmpty() ? allowed.keySet().iterator().next() : step;
        Duration length = allowed.get(label);
        if (length == null) {
            throw new BadRequest("step", "'" + label + "' is not a step here: "
                    + allowed.keySet().stream().collect(Collectors.joining(", ")));
        }
        StatsWindow window = new StatsWindow(start, end, label, length);
        if (window.points() > MAX_POINTS) {
            throw new BadRequest("step", "from .. to in steps of " + label + " is " + window.points()
                    + " points; at most " + MAX_POINTS + ": take a longer step or a shorter period");
        }
        return window;
    }

    long stepMillis() {
        return step.toMillis();
    }

    /** How many points: the steps in [from, to), the last possibly short. */
    int points() {
        long span = to.toEpochMilli() - from.toEpochMilli();
        return (int) Math.min(Integer.MAX_VALUE, (span + stepMillis() - 1) / stepMillis());
    }

    Instant start(int point) {
        return from.plusMillis(point * stepMillis());
    }

    /** Where point {@code i} ends: a step after its start, or {@code to}. */
    Instant end(int point) {
        Instant end = start(point + 1);
        return end.isAfter(to) ? to : end;
    }

    /** The length of point {@code i} in seconds (the last may be short). */
    double seconds(int point) {
        return (end(point).toEpochMilli() - start(point).toEpochMilli()) / 1000.0;
    }

    private static Map<String, Duration> steps(Object... labelsAndLengths) {
        Map<String, Duration> steps = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndLengths.length; i += 2) {
            steps.put((String) labelsAndLengths[i], (Duration) labelsAndLengths[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(steps);
    }
}
