package io.tollgate.sim.traffic;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.core.rating.Charge;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import io.tollgate.core.rating.Rater;
import io.tollgate.sim.VendorLeg;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The CDR file a vendor sends with its invoice, made from what the switch's vendor legs really carried
 * ({@link VendorLeg}), in the reconcile format {@code call_id,a_number,b_number,start,duration_s,cost}, with
 * discrepancies of the kinds reconciliation reports put in on purpose, and a precise list of them to hold the
 * reconciliation against.
 *
 * <p>What a carrier's file looks like anyway, which must reconcile as matched: its own call ids ({@code VND-000001}),
 * starts at the answer (carriers bill from connect) cut to the whole second in UTC, durations in whole seconds
 * rounded up, costs from the vendor's deck on that whole-second duration at the written start (so that each row
 * re-rates to itself), A-numbers in E.164 with {@code +} (empty for a caller that presented none or no valid
 * number), B-numbers as the switch dialled them. A leg the deck cannot price gets an empty cost.
 *
 * <p>The discrepancies are chosen so that reconciliation with the default tolerances (start 2 s, duration 1 s,
 * cost 0.001) cannot classify them otherwise: a leg is tampered with only if the deck prices it and no other leg to
 * the same number was answered within {@link #AMBIGUOUS} of it (two such calls could pair crosswise), never twice,
 * and cost mismatches only where the cost is above zero.
 */
public final class CarrierBill {
    public static final List<String> COLUMNS = List.of("call_id", "a_number", "b_number", "start", "duration_s",
            "cost");
    /** Legs to one number answered closer than this could pair with each other's rows: never tampered with. */
    static final Duration AMBIGUOUS = Duration.ofSeconds(5);
    /** Their extra seconds on a duration mismatch: well beyond the 1 s tolerance, short of an absurd bill. */
    static final int MIN_EXTRA_S = 6;
    static final int MAX_EXTRA_S = 60;
    /** A cost mismatch adds this share of the cost, and at least {@link #MIN_OVERCHARGE}. */
    static final BigDecimal OVERCHARGE = new BigDecimal("0.10");
    static final BigDecimal MIN_OVERCHARGE = new BigDecimal("0.01");
    /** Length of the made-up call's seconds in a {@code missing_ours} row. */
    static final int MIN_MADE_UP_S = 10;
    static final int MAX_MADE_UP_S = 180;
    /** Made-up B-numbers are this long (a longer prefix keeps six digits of its own). */
    static final int MADE_UP_LENGTH = 12;

    private static final NumberNormalizer NUMBERS = NumberNormalizer.plain();
    /** The most particular first: a cost mismatch needs a leg that costs something, the others take any. */
    private static final List<Discrepancy> TAMPERING_ORDER = List.of(Discrepancy.COST_MISMATCH,
            Discrepancy.DURATION_MISMATCH, Discrepancy.MISSING_THEIRS, Discrepancy.MISSING_OURS);

    /** The classes of reconciliation this bill can produce on purpose; {@link #code()} is the reconciler's name. */
    public enum Discrepancy {
        /** One of our legs is not in their file. */
        MISSING_THEIRS,
        /** They bill a call to a number we never sent them. */
        MISSING_OURS,
        /** They bill a leg 6–60 s longer, costed on that duration (the duration wins over the cost it brings). */
        DURATION_MISMATCH,
        /** They bill a leg at its true duration for more: +10 % (the deck's decimals), at least 0.01. */
        COST_MISMATCH;

        /** {@code missing_theirs}, as reconciliation files write it. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Discrepancy of(String code) {
            for (Discrepancy d : values()) {
                if (d.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                    return d;
                }
            }
            throw new IllegalArgumentException("no discrepancy '" + code + "'; one of missing_theirs, missing_ours,"
                    + " duration_mismatch, cost_mismatch");
        }
    }

    /**
     * One row of their file, as written.
     *
     * @param aNumber   {@code +} and E.164 digits, or empty
     * @param start     whole seconds
     * @param cost      null where the deck has no rate (written empty)
     */
    public record Row(String callId, String aNumber, String bNumber, Instant start, long durationS, BigDecimal cost) {
    }

    /**
     * One discrepancy put in on purpose: the ground truth for the reconciliation of this file.
     *
     * @param leg     the leg tampered with or left out; null for {@code missing_ours}
     * @param theirs  their row as written; null for {@code missing_theirs}
     * @param ourCost what a faithful bill charges for the leg (the deck on its whole-second duration); null for
     *                {@code missing_ours}
     */
    public record Injected(Discrepancy discrepancy, VendorLeg leg, Row theirs, BigDecimal ourCost) {
        /** The B-number as written in their file, or as it would have been for a leg they left out. */
        public String bNumber() {
            return theirs != null ? theirs.bNumber() : leg.number();
        }

        /** The leg's answer, to the millisecond; null for {@code missing_ours}. */
        public Instant answered() {
            return leg == null ? null : leg.answered();
        }

        public BigDecimal theirCost() {
            return theirs == null ? null : theirs.cost();
        }

        /** What they bill beyond a faithful bill: negative for a leg they left out. */
        public BigDecimal impact() {
            return (theirs == null ? BigDecimal.ZERO : theirs.cost())
                    .subtract(ourCost == null ? BigDecimal.ZERO : ourCost);
        }
    }

    /**
     * Every row written, in the file's order, and the discrepancies among them.
     *
     * @param ambiguous the legs to a number called again less than {@link #AMBIGUOUS} before or after: never
     *                  tampered with, but reconciliation may pair such calls crosswise (their starts are cut to the
     *                  second), so they may not match even untampered; traffic of unique numbers has none
     */
    public record Result(List<Row> rows, List<Injected> injected, List<VendorLeg> ambiguous) {
    }

    /** A leg of the trunk with its faithful row (call id given once the file's order is known). */
    private record Billed(VendorLeg leg, Row row) {
    }

    private CarrierBill() {
    }

    /**
     * Writes to {@code file} the bill of every leg of {@code trunk} among {@code legs}, priced with {@code deck},
     * with {@code discrepancies} (reconciliation class code → how many) put in, chosen by {@code random}: the same
     * legs and seed give the same file.
     *
     * @throws IllegalArgumentException for an unknown class or a negative count, or when the trunk has too few legs
     *                                  that can be tampered with unambiguously
     */
    public static Result write(Path file, List<VendorLeg> legs, String trunk, RateDeck deck,
                               Map<String, Integer> discrepancies, RandomGenerator random) throws IOException {
        Map<Discrepancy, Integer> wanted = counts(discrepancies);
        List<Billed> billed = new ArrayList<>();
        for (VendorLeg leg : legs) {
            if (leg.trunk().equals(trunk)) {
                billed.add(faithful(leg, deck));
            }
        }
        Set<Billed> ambiguous = ambiguous(billed);
        List<Injected> injected = tamper(billed, ambiguous, wanted, deck, random);
        // by identity: two legs alike in every field are still two calls
        Map<VendorLeg, Injected> byLeg = new IdentityHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Injected i : injected) {
            if (i.leg() != null) {
                byLeg.put(i.leg(), i);
            }
        }
        for (Billed b : billed) {
            Injected i = byLeg.get(b.leg());
            Row row = i == null ? b.row() : i.theirs();
            if (row != null) {
                rows.add(row);
            }
        }
        injected.stream().filter(i -> i.discrepancy() == Discrepancy.MISSING_OURS).forEach(i -> rows.add(i.theirs()));
        List<Row> written = numbered(rows, injected);
        try (Writer writer = Files.newBufferedWriter(file); CsvOutput out = CsvOutput.open(writer, COLUMNS)) {
            for (Row r : written) {
                out.row(r.callId(), r.aNumber(), r.bNumber(), r.start().toString(), Long.toString(r.durationS()),
                        r.cost() == null ? "" : r.cost().toPlainString());
            }
        }
        List<VendorLeg> uncertain = billed.stream().filter(ambiguous::contains).map(Billed::leg).toList();
        return new Result(written, List.copyOf(injected), uncertain);
    }

    private static Map<Discrepancy, Integer> counts(Map<String, Integer> discrepancies) {
        Map<Discrepancy, Integer> counts = new EnumMap<>(Discrepancy.class);
        discrepancies.forEach((code, n) -> {
            if (n == null || n < 0) {
                throw new IllegalArgumentException("the count of " + code + " must be 0 or more, got " + n);
            }
            counts.merge(Discrepancy.of(code), n, Integer::sum);
        });
        return counts;
    }

    /** The row an honest carrier writes for {@code leg}. */
    private static Billed faithful(VendorLeg leg, RateDeck deck) {
        Instant start = leg.answered().truncatedTo(ChronoUnit.SECONDS);
        long durationS = wholeSeconds(leg.talked());
        return new Billed(leg, new Row(null, e164(leg.callerNumber()), leg.number(), start, durationS,
                price(deck, leg.number(), start, durationS)));
    }

    /**
     * Chooses and makes the wanted discrepancies (their rows without call ids yet). The random draws come in a fixed
     * order (one shuffle, then the classes in {@link #TAMPERING_ORDER}), so the result depends on the legs and the
     * seed only.
     */
    private static List<Injected> tamper(List<Billed> billed, Set<Billed> ambiguous, Map<Discrepancy, Integer> wanted,
                                         RateDeck deck, RandomGenerator random) {
        List<Billed> candidates = new ArrayList<>();
        for (Billed b : billed) {
            if (b.row().cost() != null && !ambiguous.contains(b)) {
                candidates.add(b);
            }
        }
        shuffle(candidates, random);
        Set<Billed> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> numbersUsed = new HashSet<>();
        billed.forEach(b -> numbersUsed.add(b.leg().number()));
        List<Injected> injected = new ArrayList<>();
        for (Discrepancy d : TAMPERING_ORDER) {
            for (int i = 0; i < wanted.getOrDefault(d, 0); i++) {
                if (d == Discrepancy.MISSING_OURS) {
                    Row made = madeUp(billed, deck, random, numbersUsed);
                    numbersUsed.add(made.bNumber());
                    injected.add(new Injected(d, null, made, null));
                    continue;
                }
                Billed b = next(candidates, taken, d);
                taken.add(b);
                Row honest = b.row();
                Row theirs = switch (d) {
                    case DURATION_MISMATCH -> {
                        long longer = honest.durationS() + MIN_EXTRA_S + random.nextInt(MAX_EXTRA_S - MIN_EXTRA_S + 1);
                        yield new Row(null, honest.aNumber(), honest.bNumber(), honest.start(), longer,
                                price(deck, honest.bNumber(), honest.start(), longer));
                    }
                    case COST_MISMATCH -> new Row(null, honest.aNumber(), honest.bNumber(), honest.start(),
                            honest.durationS(), overcharged(honest.cost(), deck));
                    default -> null;
                };
                injected.add(new Injected(d, b.leg(), theirs, honest.cost()));
            }
        }
        return injected;
    }

    private static Billed next(List<Billed> candidates, Set<Billed> taken, Discrepancy d) {
        for (Billed b : candidates) {
            if (!taken.contains(b) && (d != Discrepancy.COST_MISMATCH || b.row().cost().signum() > 0)) {
                return b;
            }
        }
        throw new IllegalArgumentException("too few legs for another " + d.code() + ": " + candidates.size()
                + " can be tampered with unambiguously (priced" + (d == Discrepancy.COST_MISMATCH ? ", cost > 0" : "")
                + ", no call to the same number within " + AMBIGUOUS.toSeconds() + " s), " + taken.size()
                + " already are");
    }

    /** The legs with another leg to the same number answered less than {@link #AMBIGUOUS} before or after. */
    private static Set<Billed> ambiguous(List<Billed> billed) {
        Map<String, List<Billed>> byNumber = new HashMap<>();
        billed.forEach(b -> byNumber.computeIfAbsent(b.leg().number(), n -> new ArrayList<>()).add(b));
        Set<Billed> ambiguous = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Billed> same : byNumber.values()) {
            same.sort(Comparator.comparing(b -> b.leg().answered()));
            for (int i = 1; i < same.size(); i++) {
                if (Duration.between(same.get(i - 1).leg().answered(), same.get(i).leg().answered())
                        .compareTo(AMBIGUOUS) < 0) {
                    ambiguous.add(same.get(i - 1));
                    ambiguous.add(same.get(i));
                }
            }
        }
        return ambiguous;
    }

    /** Fisher–Yates, so that the order depends on the generator alone. */
    private static <T> void shuffle(List<T> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(i, list.set(j, list.get(i)));
        }
    }

    /** The cost plus {@link #OVERCHARGE} of it in the deck's decimals, at least {@link #MIN_OVERCHARGE} more. */
    static BigDecimal overcharged(BigDecimal cost, RateDeck deck) {
        BigDecimal extra = cost.multiply(OVERCHARGE).setScale(deck.rounding().decimals(), RoundingMode.HALF_UP);
        return cost.add(extra.max(MIN_OVERCHARGE));
    }

    /**
     * A call we never sent them: a fresh number under a destination of the deck that has a rate then (and costs
     * something), answered at a whole second within the legs' span, from the caller of one of the legs.
     */
    private static Row madeUp(List<Billed> billed, RateDeck deck, RandomGenerator random, Set<String> used) {
        if (billed.isEmpty()) {
            throw new IllegalArgumentException("a missing_ours call needs legs to place it among");
        }
        Instant first = billed.stream().map(b -> b.leg().answered()).min(Comparator.naturalOrder()).orElseThrow();
        Instant last = billed.stream().map(b -> b.leg().ended()).max(Comparator.naturalOrder()).orElseThrow();
        Instant start = first.plusMillis(random.nextLong(Duration.between(first, last).toMillis() + 1))
                .truncatedTo(ChronoUnit.SECONDS);
        List<RateRow> destinations = deck.rows().stream()
                .filter(r -> r.isEffectiveAt(start) && r.rate().signum() > 0).toList();
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("the deck has no destination with a rate at " + start
                    + " for a missing_ours call");
        }
        long durationS = MIN_MADE_UP_S + random.nextInt(MAX_MADE_UP_S - MIN_MADE_UP_S + 1);
        String aNumber = billed.get(random.nextInt(billed.size())).row().aNumber();
        for (int attempt = 0; attempt < 1000; attempt++) {
            String prefix = destinations.get(random.nextInt(destinations.size())).prefix();
            String number = Numbers.unique(prefix, random, Math.max(MADE_UP_LENGTH,
                    Math.min(NumberNormalizer.MAX_DIGITS, prefix.length() + 6)));
            BigDecimal cost = price(deck, number, start, durationS);
            if (!used.contains(number) && cost != null && cost.signum() > 0) {
                return new Row(null, aNumber, number, start, durationS, cost);
            }
        }
        throw new IllegalStateException("no fresh number found under the deck's destinations");
    }

    /** Gives the rows their call ids in the file's order (by start, ties as they came), in the ground truth too. */
    private static List<Row> numbered(List<Row> rows, List<Injected> injected) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::start));
        Map<Row, Row> withIds = new IdentityHashMap<>();
        List<Row> written = new ArrayList<>(sorted.size());
        for (Row r : sorted) {
            Row withId = new Row(String.format(Locale.ROOT, "VND-%06d", written.size() + 1), r.aNumber(), r.bNumber(),
                    r.start(), r.durationS(), r.cost());
            withIds.put(r, withId);
            written.add(withId);
        }
        injected.replaceAll(i -> i.theirs() == null ? i
                : new Injected(i.discrepancy(), i.leg(), withIds.get(i.theirs()), i.ourCost()));
        return written;
    }

    /** The deck's cost of {@code durationS} whole seconds to {@code number}; null when it has no rate for it. */
    static BigDecimal price(RateDeck deck, String number, Instant start, long durationS) {
        if (!NUMBERS.isValid(number)) {
            return null;
        }
        Charge charge = Rater.rate(deck, NUMBERS.normalize(number), start, BigDecimal.valueOf(durationS));
        return charge.isRated() ? charge.cost() : null;
    }

    /** Whole seconds, any part of a second counting as one: carriers bill what began. */
    static long wholeSeconds(Duration d) {
        long millis = d.toMillis();
        return Math.max(0, Math.floorDiv(millis + 999, 1000));
    }

    /** {@code +} and E.164 digits, or empty for a caller that presented no number a carrier could write so. */
    static String e164(String callerNumber) {
        return callerNumber == null || !NUMBERS.isValid(callerNumber) ? "" : "+" + NUMBERS.normalize(callerNumber);
    }
}
