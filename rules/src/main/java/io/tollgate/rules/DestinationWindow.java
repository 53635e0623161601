package io.tollgate.rules;

import io.tollgate.core.fraud.Evidence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's traffic to one destination over the feature window.
 *
 * @param destination the longest high-risk prefix the numbers match, else their country code
 * @param highRisk whether {@code destination} is on the high-risk list
 * @param newToCustomer no call of the customer went there in the familiarity window before this one
 * @param historyMinutes how long the customer's traffic has been watched: a destination is only "new" against a
 *     history long enough to know the usual ones
 * @param minutes talk time of the calls that ended
 * @param revenue what the rated calls cost the customer; {@code margin} what they left us (revenue − vendor
 *     cost), both in the customer's currency; {@code ratedCalls} of the window's calls were rated so far
 */
public record DestinationWindow(String customer, String destination, boolean highRisk, boolean newToCustomer,
                                long historyMinutes, Instant windowStart, Instant windowEnd, long calls,
                                long answered, BigDecimal minutes, long ratedCalls, BigDecimal revenue,
                                BigDecimal margin, Instant firstEventTime, Instant lastEventTime,
                                List<String> sampleCallIds) implements Observation {

    @Override
    public String subject() {
        return destination;
    }

    @Override
    public String blockPrefix() {
        return destination;
    }

    @Override
    public Evidence evidence() {
        return new Evidence(windowStart, windowEnd,
                Map.of("calls", calls, "answered", answered, "ratedCalls", ratedCalls,
                        "historyMinutes", historyMinutes),
                Map.of("minutes", minutes, "revenue", revenue, "margin", margin),
                sampleCallIds);
    }
}
