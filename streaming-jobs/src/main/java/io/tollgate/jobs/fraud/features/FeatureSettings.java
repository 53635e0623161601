package io.tollgate.jobs.fraud.features;

import io.tollgate.core.fraud.HighRiskPrefixes;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fraud features are computed.
 *
 * @param window the rule window the facts cover, ending at the observation time
 * @param baseline the trailing history the calls-per-minute and concurrency baselines are learned over (whole minutes)
 * @param spendWindow how far back {@code spendLastHour} sums spend (whole minutes)
 * @param shortCall an answered call that talked less than this is short; an unanswered one always is
 * @param rangeDigits a number range is the B-number without this many trailing digits
 * @param familiarity a destination is new to a customer with no call to it this long before the window
 * @param samples how many call ids a fact carries as samples
 * @param highRisk the high-risk prefixes that name a destination ahead of its country code
 */
public record FeatureSettings(Duration window, Duration baseline, Duration spendWindow, Duration shortCall,
                              int rangeDigits, Duration familiarity, int samples, HighRiskPrefixes highRisk)
        implements Serializable {

    /** An open call older than this is forgotten, so that a lost END cannot hold state (or concurrency) forever. */
    public static final Duration MAX_CALL = Duration.ofHours(4);

    public static final FeatureSettings DEFAULT = new FeatureSettings(Duration.ofMinutes(5), Duration.ofMinutes(60),
            Duration.ofHours(1), Duration.ofSeconds(6), 3, Duration.ofDays(30), 5, HighRiskPrefixes.NONE);

    public FeatureSettings {
        positive(window, "window");
        positive(baseline, "baseline");
        positive(spendWindow, "spendWindow");
        positive(shortCall, "shortCall");
        positive(familiarity, "familiarity");
        Objects.requireNonNull(highRisk, "highRisk is required");
        if (baseline.toMinutes() < 1 || spendWindow.toMinutes() < 1) {
            throw new IllegalArgumentException("baseline and spendWindow must be at least a minute, got "
                    + baseline + " and " + spendWindow);
        }
        if (rangeDigits < 1 || rangeDigits > 6) {
            throw new IllegalArgumentException("rangeDigits must be 1..6, got " + rangeDigits);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative, got " + samples);
        }
    }

    /** These settings with another high-risk list. */
    public FeatureSettings withHighRisk(HighRiskPrefixes prefixes) {
        return new FeatureSettings(window, baseline, spendWindow, shortCall, rangeDigits, familiarity, samples,
                prefixes);
    }

    /** Whole minutes of the baseline. */
    int baselineMinutes() {
        return Math.toIntExact(baseline.toMinutes());
    }

    /** Whole minutes of the spend window. */
    int spendMinutes() {
        return Math.toIntExact(spendWindow.toMinutes());
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name + " is required");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
