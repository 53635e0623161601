package io.tollgate.core.fraud;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a rule saw when it fired, enough for an analyst to judge the alert without querying the CDR store.
 *
 * @param counts named counts over the window, such as {@code calls}, {@code answered}, {@code distinctBNumbers}
 * @param amounts named amounts over the window, such as {@code cost} or {@code revenue}
 * @param sampleCallIds a few of the calls involved, to open in the CDR view
 */
public record Evidence(
        Instant windowStart,
        Instant windowEnd,
        Map<String, Long> counts,
        Map<String, BigDecimal> amounts,
        List<String> sampleCallIds) {

    public Evidence {
        Objects.requireNonNull(windowStart, "windowStart is required");
        Objects.requireNonNull(windowEnd, "windowEnd is required");
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("windowEnd " + windowEnd + " is before windowStart " + windowStart);
        }
        // Sorted so that the same evidence always serialises to the same bytes; null maps are empty ones.
        counts = sorted(counts);
        amounts = sorted(amounts);
        sampleCallIds = sampleCallIds == null ? List.of() : List.copyOf(sampleCallIds);
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        TreeMap<String, V> copy = new TreeMap<>();
        if (map != null) {
            map.forEach((name, value) -> copy.put(
                    Objects.requireNonNull(name, "evidence names must not be null"),
                    Objects.requireNonNull(value, () -> "evidence value " + name + " must not be null")));
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
