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
     * Short or unanswered calls as a share of the range's ended calls; 0 when none ended. Of ended calls, unlike the
     * customer-wide share: a range holds a handful of a customer's ordinary calls at most, so the bias of long calls
     * ending last does not reach the rule's count, while an attack on one range is caught as soon as its first
     * short calls end instead of seconds later, when the calls still ringing have ended too.
     */
    public double shortShare() {
        return endedCalls == 0 ? 0 : (double) shortOrUnanswered / endedCalls;
    }

    @Override
    public Evidence evidence() {
        return new Evidence(windowStart, windowEnd,
                Map.of("calls", calls, "endedCalls", endedCalls, "shortOrUnanswered", shortOrUnanswered,
                        "distinctNumbers", distinctNumbers, "longestRun", longestRun),
                Map.of(), sampleCallIds);
    }
}
