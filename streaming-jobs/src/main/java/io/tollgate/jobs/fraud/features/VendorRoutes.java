package io.tollgate.jobs.fraud.features;

import io.tollgate.core.quality.VendorQuality;
import io.tollgate.rules.VendorRoute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * The recent quality windows of one vendor × destination (the key of a keyed Flink function), turning the newest
 * into a {@link VendorRoute} fact against a baseline of the windows before it.
 *
 * <p>Quality windows slide (15 minutes long, one every 5), so the baseline sums the earlier windows that do not
 * overlap the new one (ending at or before its start) and start within {@link #BASELINE} before it. Overlapping
 * baseline windows count a call in each of them, which inflates the baseline counts (about 3×) but not its ASR.
 * Bounded: windows starting more than {@code BASELINE} before the newest are dropped, ~25 windows (~1.5 KB) a key.
 */
public final class VendorRoutes {
    public static final Duration BASELINE = Duration.ofHours(2);

    private ArrayList<QualityCounts> windows = new ArrayList<>();

    public VendorRoutes() {
    }

    /**
     * Takes one quality window. Returns its fact when it is the newest window seen, with counts new for its start;
     * null for a repeat of a window already taken with the same counts, or for a window older than the newest (kept
     * for the baseline, but no fact: the rules look at the newest only). A window seen again with other counts
     * replaces the first.
     */
    public VendorRoute onQuality(VendorQuality q) {
        QualityCounts counts = new QualityCounts(q.windowStart().toEpochMilli(), q.windowEnd().toEpochMilli(),
                q.attempts(), q.answered());
        boolean changed = put(counts);
        long newest = windows.get(windows.size() - 1).startMs();
        windows.removeIf(w -> w.startMs() < newest - BASELINE.toMillis());
        if (!changed || counts.startMs() < newest) {
            return null;
        }
        return fact(q, counts);
    }

    private boolean put(QualityCounts counts) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).startMs() == counts.startMs()) {
                boolean changed = !windows.get(i).sameAs(counts);
                windows.set(i, counts);
                return changed;
            }
        }
        windows.add(counts);
        windows.sort(Comparator.comparingLong(QualityCounts::startMs));
        return true;
    }

    private VendorRoute fact(VendorQuality q, QualityCounts counts) {
        long attempts = 0;
        long answered = 0;
        for (QualityCounts w : windows) {
            if (w.endMs() <= counts.startMs() && w.startMs() >= counts.startMs() - BASELINE.toMillis()) {
                attempts += w.attempts();
                answered += w.answered();
            }
        }
        return new VendorRoute(q.vendor(), q.destination(), q.windowStart(), q.windowEnd(), q.attempts(),
                q.answered(), attempts, answered);
    }

    /** The windows held, for tests. */
    int size() {
        return windows.size();
    }
}
