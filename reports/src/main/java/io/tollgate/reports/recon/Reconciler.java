package io.tollgate.reports.recon;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs our CDRs with a carrier's, one-to-one, as ARCHITECTURE.md's {@code tollgate reconcile} contract says.
 *
 * <p>Their CDRs are grouped by B-number and sorted by start, so each of ours looks only at theirs within the time
 * tolerance: O(n log n) for realistic files. The candidate pairs are then taken greedily in the contract's order
 * (smallest start difference, smallest duration difference, our call_id, their row; our row last, for a file
 * that repeats a call_id), skipping CDRs already taken.
 */
public final class Reconciler {
    private static final Comparator<Candidate> CONTRACT_ORDER = Comparator
            .comparing(Candidate::startDiff)
            .thenComparing(Candidate::durationDiff)
            .thenComparing((Candidate c) -> c.ours().callId())
            .thenComparingLong(c -> c.theirs().row())
            .thenComparingLong(c -> c.ours().row());

    private Reconciler() {
    }

    public static Reconciliation reconcile(List<CarrierRecord> ours, List<CarrierRecord> theirs, Tolerances tolerances) {
        List<Candidate> candidates = candidates(ours, theirs, tolerances.time());
        candidates.sort(CONTRACT_ORDER);
        CarrierRecord[] pairedWith = new CarrierRecord[ours.size()];
        boolean[] theirsTaken = new boolean[theirs.size()];
        for (Candidate c : candidates) {
            if (pairedWith[c.ourIndex()] == null && !theirsTaken[c.theirIndex()]) {
                pairedWith[c.ourIndex()] = c.theirs();
                theirsTaken[c.theirIndex()] = true;
            }
        }
        List<ReconLine> lines = new ArrayList<>(ours.size() + theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            CarrierRecord our = ours.get(i);
            CarrierRecord their = pairedWith[i];
            lines.add(their == null ? new ReconLine(ReconClass.MISSING_THEIRS, our, null)
                    : new ReconLine(classify(our, their, tolerances), our, their));
        }
        for (int i = 0; i < theirs.size(); i++) {
            if (!theirsTaken[i]) {
                lines.add(new ReconLine(ReconClass.MISSING_OURS, null, theirs.get(i)));
            }
        }
        return new Reconciliation(lines);
    }

    static ReconClass classify(CarrierRecord ours, CarrierRecord theirs, Tolerances tolerances) {
        if (ours.duration().subtract(theirs.duration()).abs().compareTo(tolerances.duration()) > 0) {
            return ReconClass.DURATION_MISMATCH;
        }
        if (ours.cost().subtract(theirs.cost()).abs().compareTo(tolerances.cost()) > 0) {
            return ReconClass.COST_MISMATCH;
        }
        return ReconClass.MATCHED;
    }

    /** Every pair that may match: same B-number, A-numbers equal where both have one, starts within {@code time}. */
    private static List<Candidate> candidates(List<CarrierRecord> ours, List<CarrierRecord> theirs, Duration time) {
        Map<String, List<Integer>> byNumber = new HashMap<>();
        for (int i = 0; i < theirs.size(); i++) {
            byNumber.computeIfAbsent(theirs.get(i).bNumber(), k -> new ArrayList<>()).add(i);
        }
        byNumber.values().forEach(group -> group.sort(Comparator.comparing(i -> theirs.get(i).start())));
        List<Candidate> candidates = new ArrayList<>();
        for (int o = 0; o < ours.size(); o++) {
            CarrierRecord our = ours.get(o);
            List<Integer> group = byNumber.getOrDefault(our.bNumber(), List.of());
            for (int g = firstWithin(theirs, group, our, time); g < group.size(); g++) {
                int t = group.get(g);
                CarrierRecord their = theirs.get(t);
                Duration diff = Duration.between(our.start(), their.start());
                if (diff.compareTo(time) > 0) {
                    break;
                }
                if (our.aNumber().isEmpty() || their.aNumber().isEmpty() || our.aNumber().equals(their.aNumber())) {
                    candidates.add(new Candidate(o, our, t, their, diff.abs(),
                            our.duration().subtract(their.duration()).abs()));
                }
            }
        }
        return candidates;
    }

    /** The index of the first of {@code group} (sorted by start) that starts no more than {@code time} before ours. */
    private static int firstWithin(List<CarrierRecord> theirs, List<Integer> group, CarrierRecord our, Duration time) {
        int low = 0;
        int high = group.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Duration.between(theirs.get(group.get(mid)).start(), our.start()).compareTo(time) > 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private record Candidate(int ourIndex, CarrierRecord ours, int theirIndex, CarrierRecord theirs, Duration startDiff,
                             BigDecimal durationDiff) {
    }
}
