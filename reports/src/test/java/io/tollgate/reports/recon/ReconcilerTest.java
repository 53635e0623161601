package io.tollgate.reports.recon;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.tollgate.reports.recon.ReconClass.COST_MISMATCH;
import static io.tollgate.reports.recon.ReconClass.DURATION_MISMATCH;
import static io.tollgate.reports.recon.ReconClass.MATCHED;
import static io.tollgate.reports.recon.ReconClass.MISSING_OURS;
import static io.tollgate.reports.recon.ReconClass.MISSING_THEIRS;
import static org.assertj.core.api.Assertions.assertThat;

/** The matching rules of the {@code tollgate reconcile} contract, one by one. */
class ReconcilerTest {
    private static final Instant T0 = Instant.parse("2026-01-10T10:00:00Z");
    private static final String B = "442012345678";

    private static CarrierRecord cdr(long row, String callId, String a, String b, double startOffsetS, String duration,
                                     String cost) {
        return new CarrierRecord(row, callId, a, b, T0.plus(Duration.ofNanos(Math.round(startOffsetS * 1e9))),
                new BigDecimal(duration), new BigDecimal(cost));
    }

    private static CarrierRecord ours(long row, String callId, double startOffsetS) {
        return cdr(row, callId, "", B, startOffsetS, "60", "0.02");
    }

    private static CarrierRecord theirs(long row, double startOffsetS) {
        return cdr(row, "", "", B, startOffsetS, "60", "0.02");
    }

    private static Reconciliation reconcile(List<CarrierRecord> ours, List<CarrierRecord> theirs) {
        return Reconciler.reconcile(ours, theirs, Tolerances.DEFAULT);
    }

    /** Each line as class:our call_id:their row. */
    private static List<String> summary(Reconciliation r) {
        return r.lines().stream().map(l -> l.reconClass().code() + ":" + (l.ours() == null ? "" : l.ours().callId())
                + ":" + (l.theirs() == null ? "" : l.theirs().row())).toList();
    }

    @Test
    void theTimeToleranceIsInclusive() {
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), List.of(theirs(1, 2.0)))))
                .containsExactly("matched:c1:1");
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), List.of(theirs(1, -2.0)))))
                .containsExactly("matched:c1:1");
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), List.of(theirs(1, 2.000000001)))))
                .containsExactly("missing_theirs:c1:", "missing_ours::1");
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), List.of(theirs(1, -2.000000001)))))
                .containsExactly("missing_theirs:c1:", "missing_ours::1");
    }

    @Test
    void aZeroTimeToleranceNeedsTheSameStart() {
        Tolerances exact = new Tolerances(Duration.ZERO, BigDecimal.ONE, new BigDecimal("0.001"));
        assertThat(summary(Reconciler.reconcile(List.of(ours(1, "c1", 0)), List.of(theirs(1, 0)), exact)))
                .containsExactly("matched:c1:1");
        assertThat(summary(Reconciler.reconcile(List.of(ours(1, "c1", 0)), List.of(theirs(1, 0.001)), exact)))
                .containsExactly("missing_theirs:c1:", "missing_ours::1");
    }

    @Test
    void everyToleranceIsInclusiveToTheLastDigit() {
        Tolerances t = new Tolerances(Duration.ofMillis(500), new BigDecimal("0.5"), new BigDecimal("0.000010"));
        CarrierRecord our = cdr(1, "c1", "", B, 0, "60.000", "0.020000");

        // starts: exactly 0.5 s apart pairs, 1 ms more does not (either way round)
        assertThat(classes(our, cdr(1, "", "", B, 0.5, "60.000", "0.020000"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, -0.5, "60.000", "0.020000"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0.501, "60.000", "0.020000"), t))
                .containsExactly("missing_theirs", "missing_ours");
        assertThat(classes(our, cdr(1, "", "", B, -0.501, "60.000", "0.020000"), t))
                .containsExactly("missing_theirs", "missing_ours");
        // durations: 0.5 s apart matches, 1 ms more is a duration_mismatch (either way round)
        assertThat(classes(our, cdr(1, "", "", B, 0, "60.500", "0.020000"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0, "59.500", "0.020000"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60.501", "0.020000"), t)).containsExactly("duration_mismatch");
        assertThat(classes(our, cdr(1, "", "", B, 0, "59.499", "0.020000"), t)).containsExactly("duration_mismatch");
        // costs: 0.00001 apart matches, 0.000001 more is a cost_mismatch (either way round)
        assertThat(classes(our, cdr(1, "", "", B, 0, "60.000", "0.020010"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60.000", "0.019990"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60.000", "0.020011"), t)).containsExactly("cost_mismatch");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60.000", "0.019989"), t)).containsExactly("cost_mismatch");
    }

    @Test
    void theDefaultTolerancesAtTheirEdges() {
        CarrierRecord our = cdr(1, "c1", "", B, 0, "60", "0.020");
        Tolerances t = Tolerances.DEFAULT;

        assertThat(classes(our, cdr(1, "", "", B, 2.0, "60", "0.020"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 2.001, "60", "0.020"), t))
                .containsExactly("missing_theirs", "missing_ours");
        assertThat(classes(our, cdr(1, "", "", B, 0, "61", "0.020"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0, "61.001", "0.020"), t)).containsExactly("duration_mismatch");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60", "0.021"), t)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60", "0.021001"), t)).containsExactly("cost_mismatch");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60", "0.018999"), t)).containsExactly("cost_mismatch");
    }

    @Test
    void zeroTolerancesNeedEqualValuesWhateverTheirScale() {
        Tolerances exact = new Tolerances(Duration.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        CarrierRecord our = cdr(1, "c1", "", B, 0, "60", "0.02");

        assertThat(classes(our, cdr(1, "", "", B, 0, "60.000", "0.020000"), exact)).containsExactly("matched");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60.001", "0.02"), exact)).containsExactly("duration_mismatch");
        assertThat(classes(our, cdr(1, "", "", B, 0, "60", "0.020001"), exact)).containsExactly("cost_mismatch");
    }

    private static List<String> classes(CarrierRecord our, CarrierRecord their, Tolerances t) {
        return Reconciler.reconcile(List.of(our), List.of(their), t).lines().stream()
                .map(l -> l.reconClass().code()).toList();
    }

    @Test
    void bNumbersMustBeEqual() {
        CarrierRecord other = cdr(1, "", "", "442012345679", 0, "60", "0.02");
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), List.of(other))))
                .containsExactly("missing_theirs:c1:", "missing_ours::1");
    }

    @Test
    void aNumbersMustBeEqualOnlyWhereBothSidesHaveOne() {
        CarrierRecord ourA = cdr(1, "c1", "4930111", B, 0, "60", "0.02");
        CarrierRecord theirSameA = cdr(1, "", "4930111", B, 0, "60", "0.02");
        CarrierRecord theirOtherA = cdr(1, "", "4930222", B, 0, "60", "0.02");
        CarrierRecord theirNoA = cdr(1, "", "", B, 0, "60", "0.02");

        assertThat(summary(reconcile(List.of(ourA), List.of(theirSameA)))).containsExactly("matched:c1:1");
        assertThat(summary(reconcile(List.of(ourA), List.of(theirNoA)))).containsExactly("matched:c1:1");
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), List.of(theirOtherA)))).containsExactly("matched:c1:1");
        assertThat(summary(reconcile(List.of(ourA), List.of(theirOtherA))))
                .containsExactly("missing_theirs:c1:", "missing_ours::1");
    }

    @Test
    void theSmallestStartDifferenceWinsAndEachCdrIsTakenOnce() {
        // c1 is 1.9 s from their 1 and 0.4 s from their 2; c2 is 0.4 s from their 1 and 1.1 s from their 2
        List<CarrierRecord> ours = List.of(ours(1, "c1", 0), ours(2, "c2", 1.5));
        List<CarrierRecord> theirs = List.of(theirs(1, 1.9), theirs(2, 0.4));
        // the two 0.4 s pairs are taken, the row order of the files notwithstanding
        assertThat(summary(reconcile(ours, theirs))).containsExactly("matched:c1:2", "matched:c2:1");

        // one of theirs that two of ours want: the closer one gets it, the other is missing_theirs
        List<CarrierRecord> two = List.of(ours(1, "c1", 0), ours(2, "c2", 0.3));
        assertThat(summary(reconcile(two, List.of(theirs(1, 0.2))))).containsExactly("missing_theirs:c1:", "matched:c2:1");
    }

    @Test
    void tiesOnStartGoToTheSmallerDurationDifference() {
        CarrierRecord our1 = cdr(1, "c1", "", B, 0, "60", "0.02");
        CarrierRecord our2 = cdr(2, "c2", "", B, 0, "30", "0.02");
        CarrierRecord their = cdr(1, "", "", B, 1, "30", "0.02");
        // same start difference; c2's duration is the same as theirs, so c2 wins although c1 sorts first on call_id
        assertThat(summary(reconcile(List.of(our1, our2), List.of(their))))
                .containsExactly("missing_theirs:c1:", "matched:c2:1");
    }

    @Test
    void thenToOurSmallerCallIdThenToTheirSmallerRow() {
        // same start and duration differences: our call_id decides, as strings ("c10" < "c9")
        List<CarrierRecord> ours = List.of(ours(1, "c9", 0), ours(2, "c10", 0));
        assertThat(summary(reconcile(ours, List.of(theirs(1, 1)))))
                .containsExactly("missing_theirs:c9:", "matched:c10:1");

        // one of ours and two of theirs equally close: their row decides
        List<CarrierRecord> theirs = List.of(theirs(1, 1), theirs(2, -1));
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), theirs)))
                .containsExactly("matched:c1:1", "missing_ours::2");
        List<CarrierRecord> swapped = List.of(theirs(1, -1), theirs(2, 1));
        assertThat(summary(reconcile(List.of(ours(1, "c1", 0)), swapped)))
                .containsExactly("matched:c1:1", "missing_ours::2");
    }

    @Test
    void greedyInContractOrderNotAMaximumMatching() {
        // c1-t1 is the closest pair (0.1 s), so it is taken; c2 could only have had t1 and is left missing
        List<CarrierRecord> ours = List.of(ours(1, "c1", 0), ours(2, "c2", 1.9));
        List<CarrierRecord> theirs = List.of(theirs(1, 0.1), theirs(2, -1.95));
        assertThat(summary(reconcile(ours, theirs)))
                .containsExactly("matched:c1:1", "missing_theirs:c2:", "missing_ours::2");
    }

    @Test
    void eachClassAndItsImpact() {
        List<CarrierRecord> ours = List.of(
                cdr(1, "m", "", "441", 0, "60", "0.020"),
                cdr(2, "m1", "", "442", 0, "60", "0.020"),      // duration off by exactly 1 s: within
                cdr(3, "d", "", "443", 0, "60", "0.020"),       // duration off by 1.5 s
                cdr(4, "k", "", "444", 0, "60", "0.020"),       // cost off by 0.0011
                cdr(5, "k0", "", "445", 0, "60", "0.020"),      // cost off by exactly 0.001: within
                cdr(6, "d2", "", "446", 0, "60", "0.020"),      // duration and cost off: duration wins
                cdr(7, "gone", "", "447", 0, "60", "0.5"));
        List<CarrierRecord> theirs = List.of(
                cdr(1, "", "", "441", 0, "60", "0.020"),
                cdr(2, "", "", "442", 0, "61", "0.020"),
                cdr(3, "", "", "443", 0, "58.5", "0.018"),
                cdr(4, "", "", "444", 0, "60", "0.0211"),
                cdr(5, "", "", "445", 0, "60", "0.019"),
                cdr(6, "", "", "446", 0, "70", "0.1"),
                cdr(7, "", "", "448", 0, "60", "0.25"));

        Reconciliation r = reconcile(ours, theirs);

        assertThat(summary(r)).containsExactly("matched:m:1", "matched:m1:2", "duration_mismatch:d:3",
                "cost_mismatch:k:4", "matched:k0:5", "duration_mismatch:d2:6", "missing_theirs:gone:", "missing_ours::7");
        assertThat(r.lines().stream().map(l -> l.impact().toPlainString()))
                .containsExactly("0.000", "0.000", "-0.002", "0.0011", "-0.001", "0.080", "-0.5", "0.25");
        assertThat(r.count(MATCHED)).isEqualTo(3);
        assertThat(r.count(DURATION_MISMATCH)).isEqualTo(2);
        assertThat(r.count(COST_MISMATCH)).isEqualTo(1);
        assertThat(r.count(MISSING_THEIRS)).isEqualTo(1);
        assertThat(r.count(MISSING_OURS)).isEqualTo(1);
        assertThat(r.impact(MATCHED)).isEqualByComparingTo("-0.001");
        assertThat(r.impact(DURATION_MISMATCH)).isEqualByComparingTo("0.078");
        assertThat(r.impact(COST_MISMATCH)).isEqualByComparingTo("0.0011");
        assertThat(r.impact(MISSING_THEIRS)).isEqualByComparingTo("-0.5");
        assertThat(r.impact(MISSING_OURS)).isEqualByComparingTo("0.25");
        assertThat(r.totalCount()).isEqualTo(8);
        assertThat(r.totalImpact().toPlainString()).isEqualTo("-0.1719");
    }

    @Test
    void anEmptyClassCountsZeroWithZeroImpact() {
        Reconciliation r = reconcile(List.of(), List.of());
        for (ReconClass c : ReconClass.values()) {
            assertThat(r.count(c)).isZero();
            assertThat(r.impact(c).toPlainString()).isEqualTo("0");
        }
        assertThat(r.totalImpact().toPlainString()).isEqualTo("0");
    }

    @Test
    void everyRowAppearsInExactlyOneLineAndTheGreedyMatchIsTheContractsOne() {
        Random random = new Random(9);
        for (int round = 0; round < 200; round++) {
            List<CarrierRecord> ours = randomCdrs(random, true);
            List<CarrierRecord> theirs = randomCdrs(random, false);

            Reconciliation r = reconcile(ours, theirs);

            Set<Long> ourRows = new HashSet<>();
            Set<Long> theirRows = new HashSet<>();
            for (ReconLine line : r.lines()) {
                assertThat(line.ours() != null || line.theirs() != null).isTrue();
                if (line.ours() != null) {
                    assertThat(ourRows.add(line.ours().row())).isTrue();
                }
                if (line.theirs() != null) {
                    assertThat(theirRows.add(line.theirs().row())).isTrue();
                }
            }
            assertThat(ourRows).hasSize(ours.size());
            assertThat(theirRows).hasSize(theirs.size());
            assertThat(summary(r)).isEqualTo(summary(bruteForce(ours, theirs)));
        }
    }

    @Test
    void crowdedNumbersPairAsTheContractSaysOneGlobalPassWould() {
        // a few B-numbers called over and over within seconds: long chains of contested candidates, rows repeated
        Random random = new Random(17);
        for (int round = 0; round < 40; round++) {
            List<CarrierRecord> ours = new ArrayList<>();
            List<CarrierRecord> theirs = new ArrayList<>();
            int n = 50 + random.nextInt(250);
            for (int i = 1; i <= n; i++) {
                ours.add(crowded(random, i, "c" + random.nextInt(n)));
                theirs.add(crowded(random, random.nextInt(10) == 0 ? i - 1 : i, ""));
            }

            assertThat(summary(reconcile(ours, theirs))).isEqualTo(summary(bruteForce(ours, theirs)));
        }
    }

    private static CarrierRecord crowded(Random random, long row, String callId) {
        String a = random.nextInt(4) == 0 ? "" : "4930" + random.nextInt(3);
        return cdr(row, callId, a, "4420" + random.nextInt(4), random.nextInt(4000) / 100.0,
                Integer.toString(58 + random.nextInt(6)), "0.0" + random.nextInt(3));
    }

    private static List<CarrierRecord> randomCdrs(Random random, boolean ours) {
        List<CarrierRecord> cdrs = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 1; i <= n; i++) {
            String a = random.nextInt(3) == 0 ? "" : "4930" + random.nextInt(2);
            String b = "4420" + random.nextInt(3);
            double start = random.nextInt(10) * 0.5;
            String duration = Integer.toString(58 + random.nextInt(5));
            String cost = "0.0" + random.nextInt(3);
            cdrs.add(cdr(i, ours ? "c" + random.nextInt(20) : "", a, b, start, duration, cost));
        }
        return cdrs;
    }

    /** Every pair of every CDR, sorted by the contract's order, taken greedily: the contract read literally. */
    private static Reconciliation bruteForce(List<CarrierRecord> ours, List<CarrierRecord> theirs) {
        record Pair(CarrierRecord our, CarrierRecord their, Duration start, BigDecimal duration) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (CarrierRecord our : ours) {
            for (CarrierRecord their : theirs) {
                Duration start = Duration.between(our.start(), their.start()).abs();
                boolean aOk = our.aNumber().isEmpty() || their.aNumber().isEmpty() || our.aNumber().equals(their.aNumber());
                if (our.bNumber().equals(their.bNumber()) && aOk && start.compareTo(Duration.ofSeconds(2)) <= 0) {
                    pairs.add(new Pair(our, their, start, our.duration().subtract(their.duration()).abs()));
                }
            }
        }
        pairs.sort((x, y) -> {
            int c = x.start().compareTo(y.start());
            c = c != 0 ? c : x.duration().compareTo(y.duration());
            c = c != 0 ? c : x.our().callId().compareTo(y.our().callId());
            c = c != 0 ? c : Long.compare(x.their().row(), y.their().row());
            return c != 0 ? c : Long.compare(x.our().row(), y.our().row());
        });
        List<ReconLine> lines = new ArrayList<>();
        Set<CarrierRecord> taken = new HashSet<>();
        List<Pair> chosen = new ArrayList<>();
        for (Pair p : pairs) {
            if (!taken.contains(p.our()) && !taken.contains(p.their())) {
                taken.add(p.our());
                taken.add(p.their());
                chosen.add(p);
            }
        }
        for (CarrierRecord our : ours) {
            Pair p = chosen.stream().filter(x -> x.our() == our).findFirst().orElse(null);
            lines.add(p == null ? new ReconLine(MISSING_THEIRS, our, null)
                    : new ReconLine(Reconciler.classify(our, p.their(), Tolerances.DEFAULT), our, p.their()));
        }
        for (CarrierRecord their : theirs) {
            if (!taken.contains(their)) {
                lines.add(new ReconLine(MISSING_OURS, null, their));
            }
        }
        return new Reconciliation(lines);
    }

    @Test
    void twoHundredThousandCdrsASide() {
        Random random = new Random(1);
        int n = 200_000;
        List<CarrierRecord> ours = new ArrayList<>(n);
        List<CarrierRecord> theirs = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String b = "44" + (7_000_000_000L + random.nextInt(50_000));
            double start = random.nextInt(86_400);
            ours.add(cdr(i, "c" + i, "", b, start, "60", "0.02"));
            theirs.add(cdr(i, "", "", b, start + random.nextInt(3) - 1, Integer.toString(59 + random.nextInt(3)), "0.02"));
        }

        Reconciliation r = reconcile(ours, theirs);

        assertThat(r.count(MATCHED) + r.count(DURATION_MISMATCH) + r.count(COST_MISMATCH) + r.count(MISSING_THEIRS))
                .isEqualTo(n);
        assertThat(r.count(MATCHED)).isGreaterThan(n * 9L / 10);
    }
}
