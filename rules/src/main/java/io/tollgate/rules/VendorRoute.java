package io.tollgate.rules;

import io.tollgate.core.fraud.Evidence;
import io.tollgate.core.fraud.FraudProfiles;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One vendor's answer-seizure ratio to one destination (country code) in its latest quality window, against the
 * mean of the windows before it. A collapse means a vendor silently failing or short-stopping calls.
 */
public record VendorRoute(String vendor, String destination, Instant windowStart, Instant windowEnd, long attempts,
                          long answered, long baselineAttempts, long baselineAnswered) implements Observation {

    @Override
    public String customer() {
        return FraudProfiles.DEFAULTS;
    }

    @Override
    public String subject() {
        return "vendor:" + vendor + ":" + destination;
    }

    @Override
    public String blockPrefix() {
        return null;
    }

    public double asr() {
        return attempts == 0 ? 0 : (double) answered / attempts;
    }

    public double baselineAsr() {
        return baselineAttempts == 0 ? 0 : (double) baselineAnswered / baselineAttempts;
    }

    @Override
    public Instant firstEventTime() {
        return windowStart;
    }

    @Override
    public Instant lastEventTime() {
        return windowEnd;
    }

    @Override
    public Evidence evidence() {
        return new Evidence(windowStart, windowEnd,
                Map.of("attempts", attempts, "answered", answered, "baselineAttempts", baselineAttempts,
                        "baselineAnswered", baselineAnswered),
                Map.of("asr", Rates.decimal(asr()), "baselineAsr", Rates.decimal(baselineAsr())),
                List.of());
    }
}
