package io.tollgate.rules;

import io.tollgate.core.fraud.FraudProfile;
import io.tollgate.core.fraud.FraudProfiles;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The thresholds the bundled checklist ships with, named {@code rule.name}. The config's {@code fraud.defaults} may
 * override any of them, and each customer may override those again.
 */
public final class DefaultThresholds {
    private static final Map<String, BigDecimal> THRESHOLDS = thresholds(
            "irsf.calls", "10",
            "irsf.minutes", "30",
            "irsf.revenue", "50.00",
            "wangiri.calls", "20",
            "wangiri.share", "0.8",
            "short-call-burst.calls", "50",
            "short-call-burst.share", "0.5",
            "sequential-dialling.run", "10",
            "cps-spike.history-minutes", "10",
            "cps-spike.min-calls", "30",
            "cps-spike.factor", "5",
            "concurrency-spike.history-minutes", "10",
            "concurrency-spike.min-calls", "20",
            "concurrency-spike.factor", "5",
            "spend-cap.hourly", "500.00",
            "new-destination.learning-minutes", "1440",
            "new-destination.calls", "3",
            "negative-margin.min-calls", "5",
            "negative-margin.loss", "5.00",
            "asr-collapse.min-attempts", "30",
            "asr-collapse.min-baseline-attempts", "100",
            "asr-collapse.min-baseline-asr", "0.2",
            "asr-collapse.factor", "0.5");

    private DefaultThresholds() {
    }

    /** The defaults as the profile of customer {@link FraudProfiles#DEFAULTS}: UTC, nothing exempt, no schedules. */
    public static FraudProfile profile() {
        return new FraudProfile(FraudProfiles.DEFAULTS, ZoneOffset.UTC, THRESHOLDS, Set.of(), Map.of());
    }

    /** All thresholds, sorted by name. */
    public static Map<String, BigDecimal> thresholds() {
        return THRESHOLDS;
    }

    /** The names ({@code rule.name}) of the thresholds of {@code ruleId}, sorted. */
    public static List<String> namesOf(String ruleId) {
        return THRESHOLDS.keySet().stream().filter(name -> name.startsWith(ruleId + ".")).toList();
    }

    private static Map<String, BigDecimal> thresholds(String... namesAndValues) {
        TreeMap<String, BigDecimal> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], new BigDecimal(namesAndValues[i + 1]));
        }
        return java.util.Collections.unmodifiableSortedMap(map);
    }
}
