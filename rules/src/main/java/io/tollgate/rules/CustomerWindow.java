package io.tollgate.rules;

import io.tollgate.core.fraud.Evidence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's traffic as a whole over the feature window ending at {@code windowEnd}, with its learned baseline.
 *
 * @param calls calls set up in the window
 * @param endedCalls calls that ended in the window; {@code shortCalls} of them were unanswered or talked less than
 *     the short-call length
 * @param callsLastMinute calls set up in the last minute; {@code baselineCallsPerMinute} is the mean over the
 *     trailing baseline window before it, which covers {@code baselineMinutes} minutes of history (0 when new)
 * @param concurrent calls up now; {@code baselineConcurrent} the mean of the per-minute peaks over the baseline
 * @param spendLastHour what the customer's rated calls of the last hour cost it, in {@code currency}
 */
public record CustomerWindow(String customer, Instant windowStart, Instant windowEnd, long calls, long answered,
                             long endedCalls, long shortCalls, long callsLastMinute, double baselineCallsPerMinute,
                             long concurrent, double baselineConcurrent, long baselineMinutes,
                             BigDecimal spendLastHour, String currency, Instant firstEventTime,
                             Instant lastEventTime, List<String> sampleCallIds) implements Observation {

    @Override
    public String subject() {
        return customer;
    }

    @Override
    public String blockPrefix() {
        return null;
    }

    /**
     * The short calls' share of the window's calls: of those set up in it, or of those that ended in it if more.
     * Not of ended calls alone: when traffic starts, the short calls end first and the long ones are still up, and
     * a share of ended calls would read as a burst of short calls for the first minute of any customer's traffic.
     */
    public double shortShare() {
        long of = Math.max(calls, endedCalls);
        return of == 0 ? 0 : (double) shortCalls / of;
    }

    @Override
    public Evidence evidence() {
        return new Evidence(windowStart, windowEnd,
                Map.of("calls", calls, "answered", answered, "endedCalls", endedCalls, "shortCalls", shortCalls,
                        "callsLastMinute", callsLastMinute, "concurrent", concurrent,
                        "baselineMinutes", baselineMinutes),
                Map.of("spendLastHour", spendLastHour,
                        "baselineCallsPerMinute", Rates.decimal(baselineCallsPerMinute),
                        "baselineConcurrent", Rates.decimal(baselineConcurrent)),
                sampleCallIds);
    }
}
