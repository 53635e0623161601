package io.tollgate.reports.recon;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs our CDRs with a carrier's, one-to-one, as ARCHITECTURE.md's {@code tollgate reconcile} contract says.
 *
 * <p>Their CDRs are grouped by B-number and sorted by start, so each of ours looks only at theirs within the time
 * tolerance. The candidate pairs are then taken greedily in the contract's order (smallest start difference,
 * smallest duration difference, our call_id, their row; our row last, for a file that repeats a call_id), skipping
 * CDRs already taken.
 *
 * <p>The greedy choice is made per connected group of candidates (CDRs linked by candidate pairs): whether a pair is
 * taken depends only on pairs that share a CDR with it, so taking the pairs of each group in the contract's order
 * gives the very result of one global pass. Most groups are a single pair (one of ours, one of theirs, no rival),
 * taken without sorting; only contested groups are sorted. With primitive arrays instead of a candidate object per
 * pair, 1M × 1M CDRs pair in about a second.
 */
public final class Reconciler {
    private static final Comparator<Candidate> CONTRACT_ORDER = Comparator
            .comparing(Candidate::startDiff)
            .thenComparing(Candidate::durationDiff)
            .thenComparing((Candidate c) -> c.ours().callId())
            .thenComparingLong(c -> c.theirs().row())
            .thenComparingLong(c -> c.ours().row());
    private static final int NONE = -1;

    private Reconciler() {
    }

    public static Reconciliation reconcile(List<CarrierRecord> ours, List<CarrierRecord> theirs, Tolerances tolerances) {
        int[] pairedWith = pairs(ours, theirs, tolerances.time());
        boolean[] theirsTaken = new boolean[theirs.size()];
        List<ReconLine> lines = new ArrayList<>(ours.size() + theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            CarrierRecord our = ours.get(i);
            if (pairedWith[i] == NONE) {
                lines.add(new ReconLine(ReconClass.MISSING_THEIRS, our, null));
            } else {
                CarrierRecord their = theirs.get(pairedWith[i]);
                theirsTaken[pairedWith[i]] = true;
                lines.add(new ReconLine(classify(our, their, tolerances), our, their));
            }
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

    /** For each of ours, the index of their CDR it is paired with, or {@link #NONE}. */
    private static int[] pairs(List<CarrierRecord> ours, List<CarrierRecord> theirs, Duration time) {
        Candidates candidates = Candidates.of(ours, theirs, time);
        int[] pairedWith = new int[ours.size()];
        Arrays.fill(pairedWith, NONE);
        int[] ourDegree = new int[ours.size()];
        int[] theirDegree = new int[theirs.size()];
        for (int e = 0; e < candidates.size; e++) {
            ourDegree[candidates.our[e]]++;
            theirDegree[candidates.their[e]]++;
        }
        // a pair that neither side shares with another candidate is a group of its own: taken as it is
        UnionFind groups = null;
        int contested = 0;
        for (int e = 0; e < candidates.size; e++) {
            int o = candidates.our[e];
            int t = candidates.their[e];
            if (ourDegree[o] == 1 && theirDegree[t] == 1) {
                pairedWith[o] = t;
            } else {
                if (groups == null) {
                    groups = new UnionFind(ours.size() + theirs.size());
                }
                groups.union(o, ours.size() + t);
                contested++;
            }
        }
        if (contested > 0) {
            takeContested(ours, theirs, candidates, ourDegree, theirDegree, groups, contested, pairedWith);
        }
        return pairedWith;
    }

    /**
     * Takes the contested candidates group by group, each group's in the contract's order. Within a group they keep
     * the order of the candidate list (ours in order, theirs by start), so that even pairs the contract's order
     * cannot tell apart (a row number given twice) are taken as one global stable sort would take them.
     */
    private static void takeContested(List<CarrierRecord> ours, List<CarrierRecord> theirs, Candidates candidates,
                                      int[] ourDegree, int[] theirDegree, UnionFind groups, int contested,
                                      int[] pairedWith) {
        long[] byGroup = new long[contested];
        int n = 0;
        for (int e = 0; e < candidates.size; e++) {
            if (ourDegree[candidates.our[e]] != 1 || theirDegree[candidates.their[e]] != 1) {
                byGroup[n++] = (long) groups.find(candidates.our[e]) << 32 | e;
            }
        }
        Arrays.sort(byGroup);
        boolean[] theirTaken = new boolean[theirs.size()];
        List<Candidate> group = new ArrayList<>();
        for (int start = 0; start < n; ) {
            long root = byGroup[start] >>> 32;
            int end = start;
            group.clear();
            while (end < n && byGroup[end] >>> 32 == root) {
                int e = (int) byGroup[end++];
                CarrierRecord our = ours.get(candidates.our[e]);
                CarrierRecord their = theirs.get(candidates.their[e]);
                group.add(new Candidate(candidates.our[e], our, candidates.their[e], their,
                        Duration.between(our.start(), their.start()).abs(),
                        our.duration().subtract(their.duration()).abs()));
            }
            group.sort(CONTRACT_ORDER);
            for (Candidate c : group) {
                if (pairedWith[c.ourIndex()] == NONE && !theirTaken[c.theirIndex()]) {
                    pairedWith[c.ourIndex()] = c.theirIndex();
                    theirTaken[c.theirIndex()] = true;
                }
            }
            start = end;
        }
    }

    /**
     * Every pair that may match (same B-number, A-numbers equal where both have one, starts within the time
     * tolerance), ours in order and, for each, theirs by start (ties in their order), as two parallel arrays.
     */
    private static final class Candidates {
        int[] our = new int[16];
        int[] their = new int[16];
        int size;

        static Candidates of(List<CarrierRecord> ours, List<CarrierRecord> theirs, Duration time) {
            Map<String, Integer> groupOf = new HashMap<>(Math.max(16, theirs.size() * 2));
            int[] theirGroup = new int[theirs.size()];
            for (int t = 0; t < theirs.size(); t++) {
                Integer g = groupOf.putIfAbsent(theirs.get(t).bNumber(), groupOf.size());
                theirGroup[t] = g == null ? groupOf.size() - 1 : g;
            }
            // their indices ordered by group (counting sort, stable), then each group by start
            int[] groupStart = new int[groupOf.size() + 1];
            for (int g : theirGroup) {
                groupStart[g + 1]++;
            }
            for (int g = 0; g < groupOf.size(); g++) {
                groupStart[g + 1] += groupStart[g];
            }
            int[] sorted = new int[theirs.size()];
            int[] fill = Arrays.copyOf(groupStart, groupOf.size());
            for (int t = 0; t < theirs.size(); t++) {
                sorted[fill[theirGroup[t]]++] = t;
            }
            for (int g = 0; g < groupOf.size(); g++) {
                sortByStart(sorted, groupStart[g], groupStart[g + 1], theirs);
            }
            // their starts in that order, as numbers side by side: the search below reads no record it skips
            Starts starts = new Starts(theirs.size());
            for (int i = 0; i < sorted.length; i++) {
                starts.set(i, theirs.get(sorted[i]).start());
            }

            Candidates c = new Candidates();
            for (int o = 0; o < ours.size(); o++) {
                CarrierRecord our = ours.get(o);
                Integer g = groupOf.get(our.bNumber());
                if (g == null) {
                    continue;
                }
                Instant earliest = minus(our.start(), time);
                Instant latest = plus(our.start(), time);
                for (int i = starts.firstFrom(groupStart[g], groupStart[g + 1], earliest);
                     i < groupStart[g + 1] && !starts.isAfter(i, latest); i++) {
                    CarrierRecord their = theirs.get(sorted[i]);
                    if (our.aNumber().isEmpty() || their.aNumber().isEmpty()
                            || our.aNumber().equals(their.aNumber())) {
                        c.add(o, sorted[i]);
                    }
                }
            }
            return c;
        }

        private void add(int o, int t) {
            if (size == our.length) {
                our = Arrays.copyOf(our, size * 2);
                their = Arrays.copyOf(their, size * 2);
            }
            our[size] = o;
            their[size] = t;
            size++;
        }

        /** Sorts {@code a[from, to)} by their start, ties kept in order (stable). */
        private static void sortByStart(int[] a, int from, int to, List<CarrierRecord> theirs) {
            if (to - from < 2) {
                return;
            }
            if (to - from <= 16) {
                for (int i = from + 1; i < to; i++) {
                    int x = a[i];
                    Instant s = theirs.get(x).start();
                    int j = i - 1;
                    while (j >= from && theirs.get(a[j]).start().compareTo(s) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return;
            }
            Integer[] boxed = new Integer[to - from];
            for (int i = from; i < to; i++) {
                boxed[i - from] = a[i];
            }
            Arrays.sort(boxed, Comparator.comparing((Integer t) -> theirs.get(t).start()));
            for (int i = from; i < to; i++) {
                a[i] = boxed[i - from];
            }
        }

        private static Instant minus(Instant start, Duration time) {
            try {
                return start.minus(time);
            } catch (DateTimeException | ArithmeticException e) {
                return Instant.MIN;
            }
        }

        private static Instant plus(Instant start, Duration time) {
            try {
                return start.plus(time);
            } catch (DateTimeException | ArithmeticException e) {
                return Instant.MAX;
            }
        }
    }

    /** Instants as epoch seconds and nanoseconds in two arrays, compared as {@link Instant#compareTo} does. */
    private static final class Starts {
        private final long[] seconds;
        private final int[] nanos;

        Starts(int n) {
            seconds = new long[n];
            nanos = new int[n];
        }

        void set(int i, Instant t) {
            seconds[i] = t.getEpochSecond();
            nanos[i] = t.getNano();
        }

        boolean isBefore(int i, Instant t) {
            return seconds[i] < t.getEpochSecond() || seconds[i] == t.getEpochSecond() && nanos[i] < t.getNano();
        }

        boolean isAfter(int i, Instant t) {
            return seconds[i] > t.getEpochSecond() || seconds[i] == t.getEpochSecond() && nanos[i] > t.getNano();
        }

        /** The first index of [from, to) (sorted by start) whose start is not before {@code earliest}. */
        int firstFrom(int from, int to, Instant earliest) {
            int low = from;
            int high = to;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (isBefore(mid, earliest)) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** Disjoint sets of CDRs (ours 0..n-1, theirs n..), by path halving and union by size. */
    private static final class UnionFind {
        private final int[] parent;
        private final int[] size;

        UnionFind(int n) {
            parent = new int[n];
            size = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                size[i] = 1;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int swap = ra;
                ra = rb;
                rb = swap;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }
    }

    private record Candidate(int ourIndex, CarrierRecord ours, int theirIndex, CarrierRecord theirs, Duration startDiff,
                             BigDecimal durationDiff) {
    }
}
