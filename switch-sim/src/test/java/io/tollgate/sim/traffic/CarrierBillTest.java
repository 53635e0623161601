package io.tollgate.sim.traffic;

import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.rating.Rater;
import io.tollgate.sim.VendorLeg;
import io.tollgate.sim.traffic.CarrierBill.Discrepancy;
import io.tollgate.sim.traffic.CarrierBill.Injected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The carrier's bill: faithful rows reconcile as matched, and each discrepancy put in is one the reconciler reports
 * as its class. Classification is checked by a small stand-in for reports' Reconciler (which switch-sim does not
 * depend on), with its default tolerances and its order of checks: duration before cost.
 */
class CarrierBillTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration TIME_TOLERANCE = Duration.ofSeconds(2);
    private static final BigDecimal DURATION_TOLERANCE = BigDecimal.ONE;
    private static final BigDecimal COST_TOLERANCE = new BigDecimal("0.001");
    private static final Map<String, Integer> ONE_OF_EACH = Map.of("missing_theirs", 1, "missing_ours", 1,
            "duration_mismatch", 1, "cost_mismatch", 1);

    @TempDir
    Path dir;
    private RateDeck deck;
    private final List<VendorLeg> legs = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Path file = dir.resolve("vendor-a.csv");
        Files.writeString(file, """
                prefix,destination,rate,increments
                28,Test range,0.0050,1/1
                2800,Test range free numbers,0.0000,1/1
                44,United Kingdom,0.0090,60/60
                447,United Kingdom Mobile,0.0300,1/1
                """);
        deck = RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
        leg("vendor-a", "4420712345", "4930100000", 0, 59_750);
        leg("vendor-a", "447700900123", "+4930100001", 1_200, 1_201);
        leg("vendor-a", "28030123456789", "anonymous", 2_999, 34_000);
        leg("vendor-a", "28001234567890", "4930100002", 4_500, 20_020);   // free: never a cost mismatch
        leg("vendor-a", "447700900555", "", 7_040, 312_999);
        leg("vendor-a", "28991234567890", "4930100003", 9_100, 9_100);    // answered and hung up at once
        leg("vendor-a", "4420700000", "4930100004", 12_000, 75_500);      // the same number twice within 5 s:
        leg("vendor-a", "4420700000", "4930100005", 15_000, 44_400);      // never tampered with
        leg("vendor-a", "4420700000", "4930100004", 200_000, 260_000);    // ... but 185 s later, it may be
        leg("vendor-a", "447700900777", "4930100006", 30_000, 61_001);
        leg("vendor-b", "447700900999", "4930100007", 31_000, 90_000);    // another vendor's
        leg("vendor-a", "28030999999999", "4930100008", 40_123, 100_124);
    }

    private void leg(String trunk, String number, String caller, long answeredMs, long endedMs) {
        legs.add(new VendorLeg(trunk, number, caller, T.plusMillis(answeredMs), T.plusMillis(endedMs)));
    }

    private List<VendorLeg> legsOfA() {
        return legs.stream().filter(l -> l.trunk().equals("vendor-a")).toList();
    }

    @Test
    void withoutDiscrepanciesEveryLegOfTheTrunkIsBilledAsItWasCarried() throws Exception {
        Path file = dir.resolve("clean.csv");
        CarrierBill.Result result = CarrierBill.write(file, legs, "vendor-a", deck, Map.of(), new SplittableRandom(1));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("call_id,a_number,b_number,start,duration_s,cost");
        List<Their> theirs = read(file);
        assertThat(theirs).hasSize(legsOfA().size()).hasSize(result.rows().size());
        assertThat(result.injected()).isEmpty();
        assertThat(result.ambiguous()).extracting(VendorLeg::answered).containsExactly(T.plusSeconds(12), T.plusSeconds(15));
        assertThat(theirs).extracting(Their::callId).doesNotHaveDuplicates().allMatch(id -> id.matches("VND-\\d{6}"));
        assertThat(theirs).extracting(Their::start).isSortedAccordingTo(Comparator.naturalOrder());
        for (VendorLeg leg : legsOfA()) {
            Their row = theirs.stream().filter(t -> t.bNumber().equals(leg.number())
                    && t.start().equals(leg.answered().truncatedTo(ChronoUnit.SECONDS))).findFirst().orElseThrow();
            long whole = (leg.talked().toMillis() + 999) / 1000;
            assertThat(row.durationS()).isEqualByComparingTo(BigDecimal.valueOf(whole));
            assertThat(row.cost()).isEqualTo(Rater.rate(deck, leg.number(), row.start(), BigDecimal.valueOf(whole)).cost());
        }
        assertThat(lines).contains(
                "VND-000001,\"+4930100000\",4420712345,2026-11-26T10:00:00Z,60,0.009000",
                "VND-000002,\"+4930100001\",447700900123,2026-11-26T10:00:01Z,1,0.000500",
                "VND-000003,,28030123456789,2026-11-26T10:00:02Z,32,0.002667",
                "VND-000006,\"+4930100003\",28991234567890,2026-11-26T10:00:09Z,0,0.000000");
        assertThat(classes(file)).containsOnlyKeys("matched");
    }

    @Test
    void oneOfEachDiscrepancyChangesTheFileInExactlyThoseWays() throws Exception {
        Path clean = dir.resolve("clean.csv");
        Path bill = dir.resolve("bill.csv");
        CarrierBill.write(clean, legs, "vendor-a", deck, Map.of(), new SplittableRandom(1));
        CarrierBill.Result result = CarrierBill.write(bill, legs, "vendor-a", deck, ONE_OF_EACH, new SplittableRandom(7));

        Map<Discrepancy, Injected> injected = result.injected().stream()
                .collect(Collectors.toMap(Injected::discrepancy, i -> i));
        assertThat(injected).containsOnlyKeys(Discrepancy.values());
        List<Their> before = read(clean);
        List<Their> after = read(bill);
        List<Their> gone = without(before, after);
        List<Their> added = without(after, before);

        Injected missingTheirs = injected.get(Discrepancy.MISSING_THEIRS);
        Injected duration = injected.get(Discrepancy.DURATION_MISMATCH);
        Injected cost = injected.get(Discrepancy.COST_MISMATCH);
        Injected missingOurs = injected.get(Discrepancy.MISSING_OURS);
        assertThat(gone).extracting(Their::bNumber).containsExactlyInAnyOrder(missingTheirs.bNumber(),
                duration.bNumber(), cost.bNumber());
        assertThat(added).extracting(Their::bNumber).containsExactlyInAnyOrder(missingOurs.bNumber(),
                duration.bNumber(), cost.bNumber());
        assertThat(List.of(missingTheirs.leg(), duration.leg(), cost.leg())).doesNotHaveDuplicates();

        Their honest = row(gone, duration.bNumber());
        Their longer = row(added, duration.bNumber());
        assertThat(longer.durationS().subtract(honest.durationS())).isBetween(BigDecimal.valueOf(6), BigDecimal.valueOf(60));
        assertThat(longer.cost()).isEqualTo(Rater.rate(deck, duration.bNumber(), longer.start(), longer.durationS()).cost())
                .isEqualTo(duration.theirCost());
        assertThat(duration.ourCost()).isEqualTo(honest.cost());

        Their fair = row(gone, cost.bNumber());
        Their dear = row(added, cost.bNumber());
        assertThat(dear.durationS()).isEqualTo(fair.durationS());
        assertThat(fair.cost()).isPositive().isEqualTo(cost.ourCost());
        BigDecimal tenPercent = fair.cost().multiply(new BigDecimal("0.10")).setScale(6, RoundingMode.HALF_UP);
        assertThat(dear.cost()).isEqualTo(fair.cost().add(tenPercent.max(new BigDecimal("0.01"))))
                .isEqualTo(cost.theirCost());
        assertThat(cost.impact()).isGreaterThanOrEqualTo(new BigDecimal("0.01"));

        assertThat(missingTheirs.theirs()).isNull();
        assertThat(missingTheirs.impact()).isEqualTo(missingTheirs.ourCost().negate());
        Their madeUp = row(added, missingOurs.bNumber());
        assertThat(missingOurs.leg()).isNull();
        assertThat(missingOurs.answered()).isNull();
        assertThat(legs).noneMatch(l -> l.number().equals(madeUp.bNumber()));
        assertThat(deck.find(madeUp.bNumber(), madeUp.start())).isNotNull();
        assertThat(madeUp.cost()).isPositive().isEqualTo(missingOurs.theirCost()).isEqualTo(missingOurs.impact());
        assertThat(madeUp.start()).isBetween(T, T.plusMillis(312_999));
        assertThat(madeUp.callId()).isEqualTo(missingOurs.theirs().callId());

        Map<String, List<String>> classes = classes(bill);
        assertThat(classes.get("missing_theirs")).containsExactly(missingTheirs.bNumber());
        assertThat(classes.get("missing_ours")).containsExactly(missingOurs.bNumber());
        assertThat(classes.get("duration_mismatch")).containsExactly(duration.bNumber());
        assertThat(classes.get("cost_mismatch")).containsExactly(cost.bNumber());
        assertThat(classes.get("matched")).hasSize(legsOfA().size() - 3);
    }

    @Test
    void whateverTheSeedTheGroundTruthIsWhatReconciliationFinds() throws Exception {
        Map<String, Integer> wanted = Map.of("missing_theirs", 2, "missing_ours", 3, "duration_mismatch", 2,
                "cost_mismatch", 2);
        for (int seed = 0; seed < 40; seed++) {
            Path bill = dir.resolve("bill-" + seed + ".csv");
            CarrierBill.Result result = CarrierBill.write(bill, legs, "vendor-a", deck, wanted, new SplittableRandom(seed));

            Map<String, List<String>> expected = new TreeMap<>();
            for (Injected i : result.injected()) {
                expected.computeIfAbsent(i.discrepancy().code(), k -> new ArrayList<>()).add(i.bNumber());
                assertThat(i.answered()).as("the two calls to one number 3 s apart are never tampered with")
                        .isNotIn(T.plusSeconds(12), T.plusSeconds(15));
            }
            Map<String, List<String>> found = classes(bill);
            found.remove("matched");
            found.values().forEach(l -> l.sort(null));
            expected.values().forEach(l -> l.sort(null));
            assertThat(found).as("seed " + seed).isEqualTo(expected);
            assertThat(result.injected().stream().filter(i -> i.leg() != null).map(Injected::leg)).doesNotHaveDuplicates();
            assertThat(result.injected().stream().filter(i -> i.discrepancy() == Discrepancy.COST_MISMATCH))
                    .allMatch(i -> i.ourCost().signum() > 0);
        }
    }

    @Test
    void theSameLegsAndSeedGiveTheSameFile() throws Exception {
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        CarrierBill.write(one, legs, "vendor-a", deck, ONE_OF_EACH, new SplittableRandom(42));
        CarrierBill.write(two, legs, "vendor-a", deck, new HashMap<>(ONE_OF_EACH), new SplittableRandom(42));

        assertThat(Files.readString(two)).isEqualTo(Files.readString(one));
    }

    @Test
    void askingForMoreThanTheLegsAllowOrForAnUnknownClassIsRefused() throws Exception {
        Path bill = dir.resolve("bill.csv");
        // 11 legs of vendor-a, 2 of them to one number within 5 s: 9 can be tampered with, 7 of them cost something
        assertThat(CarrierBill.write(bill, legs, "vendor-a", deck, Map.of("missing_theirs", 2, "cost_mismatch", 7),
                new SplittableRandom(1)).rows()).hasSize(9);
        assertThatThrownBy(() -> CarrierBill.write(bill, legs, "vendor-a", deck, Map.of("missing_theirs", 10),
                new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few");
        assertThatThrownBy(() -> CarrierBill.write(bill, legs, "vendor-a", deck, Map.of("cost_mismatch", 8),
                new SplittableRandom(1))).hasMessageContaining("cost > 0");
        assertThatThrownBy(() -> CarrierBill.write(bill, legs, "vendor-a", deck, Map.of("rounding", 1),
                new SplittableRandom(1))).hasMessageContaining("missing_theirs");
    }

    // ---- reading the file and reconciling it as reports' Reconciler does -------------------------------------------

    /** One of their rows, A-number as reconciliation normalises it (digits, no +). */
    private record Their(String callId, String aNumber, String bNumber, Instant start, BigDecimal durationS,
                         BigDecimal cost) {
        boolean sameCall(Their o) {
            return aNumber.equals(o.aNumber) && bNumber.equals(o.bNumber) && start.equals(o.start)
                    && durationS.compareTo(o.durationS) == 0 && cost.compareTo(o.cost) == 0;
        }
    }

    /** Our side: the leg as our CDR has it, to the millisecond, priced on that. */
    private record Ours(String aNumber, String bNumber, Instant start, BigDecimal durationS, BigDecimal cost) {
    }

    /** Their rows as a CSV reader sees them (core's writer quotes a field that begins with +). */
    private static List<Their> read(Path file) throws Exception {
        List<Their> rows = new ArrayList<>();
        try (CsvInput in = CsvInput.open(file, CarrierBill.COLUMNS, CarrierBill.COLUMNS)) {
            assertThat(in.header()).isEqualTo(CarrierBill.COLUMNS);
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                assertThat(r.values()).hasSize(6);
                assertThat(r.get("a_number")).matches("(\\+[1-9]\\d{1,14})?");
                rows.add(new Their(r.get("call_id"), r.get("a_number").replace("+", ""), r.get("b_number"),
                        Instant.parse(r.get("start")), new BigDecimal(r.get("duration_s")), new BigDecimal(r.get("cost"))));
            }
        }
        return rows;
    }

    private static List<Their> without(List<Their> rows, List<Their> others) {
        List<Their> left = new ArrayList<>(others);
        List<Their> out = new ArrayList<>();
        for (Their r : rows) {
            Their same = left.stream().filter(r::sameCall).findFirst().orElse(null);
            if (same == null) {
                out.add(r);
            } else {
                left.remove(same);
            }
        }
        return out;
    }

    private static Their row(List<Their> rows, String bNumber) {
        List<Their> found = rows.stream().filter(r -> r.bNumber().equals(bNumber)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** The B-numbers of every reconciliation line, by class code. */
    private Map<String, List<String>> classes(Path bill) throws Exception {
        List<Ours> ours = legsOfA().stream().map(l -> {
            BigDecimal seconds = BigDecimal.valueOf(l.talked().toMillis()).movePointLeft(3);
            return new Ours(l.callerNumber().replaceAll("\\D", ""), l.number(), l.answered(), seconds,
                    Rater.rate(deck, l.number(), l.answered(), seconds).cost());
        }).toList();
        List<Their> theirs = read(bill);
        record Candidate(int our, int their, Duration startDiff, BigDecimal durationDiff) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int o = 0; o < ours.size(); o++) {
            for (int t = 0; t < theirs.size(); t++) {
                Ours our = ours.get(o);
                Their their = theirs.get(t);
                Duration startDiff = Duration.between(our.start(), their.start()).abs();
                if (our.bNumber().equals(their.bNumber()) && startDiff.compareTo(TIME_TOLERANCE) <= 0
                        && (our.aNumber().isEmpty() || their.aNumber().isEmpty() || our.aNumber().equals(their.aNumber()))) {
                    candidates.add(new Candidate(o, t, startDiff, our.durationS().subtract(their.durationS()).abs()));
                }
            }
        }
        candidates.sort(Comparator.comparing(Candidate::startDiff).thenComparing(Candidate::durationDiff));
        Map<Integer, Integer> paired = new HashMap<>();
        Map<Integer, Integer> theirsTaken = new HashMap<>();
        for (Candidate c : candidates) {
            if (!paired.containsKey(c.our()) && !theirsTaken.containsKey(c.their())) {
                paired.put(c.our(), c.their());
                theirsTaken.put(c.their(), c.our());
            }
        }
        Map<String, List<String>> classes = new TreeMap<>();
        for (int o = 0; o < ours.size(); o++) {
            Ours our = ours.get(o);
            String code;
            if (!paired.containsKey(o)) {
                code = "missing_theirs";
            } else {
                Their their = theirs.get(paired.get(o));
                code = our.durationS().subtract(their.durationS()).abs().compareTo(DURATION_TOLERANCE) > 0
                        ? "duration_mismatch"
                        : our.cost().subtract(their.cost()).abs().compareTo(COST_TOLERANCE) > 0 ? "cost_mismatch"
                        : "matched";
            }
            classes.computeIfAbsent(code, k -> new ArrayList<>()).add(our.bNumber());
        }
        for (int t = 0; t < theirs.size(); t++) {
            if (!theirsTaken.containsKey(t)) {
                classes.computeIfAbsent("missing_ours", k -> new ArrayList<>()).add(theirs.get(t).bNumber());
            }
        }
        return classes;
    }
}
