package io.tollgate.rules;

import io.tollgate.core.fraud.Evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's calls into one number range (the B-numbers without their last few digits) over the feature window.
 *
 * @param shortOrUnanswered ended calls that were unanswered or shorter than the short-call length
 * @param distinctNumbers different B-numbers called
 * @param longestRun the longest run of consecutive B-numbers called (…100, …101, …102 is a run of 3)
 */
public record RangeWindow(String customer, String range, Instant windowStart, Instant windowEnd, long calls,
                          long endedCalls, long shortOrUnanswered, long distinctNumbers, long longestRun,
                          Instant firstEventTime, Instant lastEventTime, List<String> sampleCallIds)
        implements Observation {

    @Override
    public String subject() {
        return range;
    }

    @Override
    public String blockPrefix() {
        return range;
    }

    /**
     * The short calls' share of the window's calls: of those set up in it, or of those that ended in it if more.
     * Not of ended calls alone: when traffic starts, the short calls end first and the long ones are still up, and
     * a share of ended calls would read as a burst of short calls for the first minute of any customer's traffic.
     */
    public double shortShare() {
        long of = Math.max(calls, endedCalls);
        return of == 0 ? 0 : (double) shortOrUnanswered / of;
    }

    @Override
    public Evidence evidence() {
        return new Evidence(windowStart, windowEnd,
                Map.of("calls", calls, "endedCalls", endedCalls, "shortOrUnanswered", shortOrUnanswered,
                        "distinctNumbers", distinctNumbers, "longestRun", longestRun),
                Map.of(), sampleCallIds);
    }
}
