package io.tollgate.jobs.fraud.features;

import java.util.HashMap;

/**
 * When a customer last called each destination, from calls set up before the current window. Bounded by the
 * destinations called in the familiarity window (a few hundred at most, ~100 bytes each).
 */
public final class Familiarity {
    private HashMap<String, Long> lastCall = new HashMap<>();

    public Familiarity() {
    }

    void saw(String destination, long setupMs) {
        lastCall.merge(destination, setupMs, Math::max);
    }

    /** Whether a call went to {@code destination} after {@code sinceMs}. */
    boolean knows(String destination, long sinceMs) {
        Long last = lastCall.get(destination);
        return last != null && last > sinceMs;
    }

    void prune(long sinceMs) {
        lastCall.values().removeIf(last -> last <= sinceMs);
    }

    int size() {
        return lastCall.size();
    }
}
