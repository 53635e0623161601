package io.tollgate.bench;

import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.Charge;
import io.tollgate.core.rating.Increments;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import io.tollgate.core.rating.Rater;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Target 2: calls rated per second on one thread. {@code formula*}: the cost formula with a known row;
 * {@code rate*}: finding the row in a 100k-prefix deck, then the formula. Each has a naive BigDecimal baseline.
 *
 * <p>Calls are answered calls (duration 1–1800 s, exponential around 2 minutes, with a millisecond fraction), on
 * numbers of {@link DeckGenerator#numbers} that the deck rates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RaterBench {
    private static final int CALLS = 1 << 12;
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    /** Prefixes in the deck; smaller values only for a smoke run. */
    @Param("100000")
    int prefixes;

    private RateDeck deck;
    private Map<String, RateRow[]> byPrefix;
    private Rounding rounding;
    private final RateRow[] rows = new RateRow[CALLS];
    private final String[] numbers = new String[CALLS];
    private final BigDecimal[] durations = new BigDecimal[CALLS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        DeckGenerator generator = new DeckGenerator(prefixes * 3 / 2, prefixes);
        deck = generator.deck(0);
        rounding = deck.rounding();
        byPrefix = naiveIndex(deck.rows());
        SplittableRandom random = new SplittableRandom(7);
        String[] candidates = generator.numbers(CALLS * 4, 7);
        int n = 0;
        for (String number : candidates) {
            RateRow row = deck.find(number, DeckGenerator.AT);
            if (row != null && n < CALLS) {
                numbers[n] = number;
                rows[n] = row;
                long millis = 1000 + (long) (-Math.log(1 - random.nextDouble()) * 120_000);
                durations[n] = BigDecimal.valueOf(Math.min(millis, 1_800_000), 3);
                n++;
            }
        }
        if (n < CALLS) {
            throw new IllegalStateException("only " + n + " rateable numbers");
        }
        checkSameAnswers();
    }

    private int nextCall() {
        next = (next + 1) & (CALLS - 1);
        return next;
    }

    @Benchmark
    public BigDecimal formula() {
        int i = nextCall();
        long billed = Rater.billedSeconds(rows[i], durations[i]);
        return Rater.cost(rows[i], billed, rounding);
    }

    @Benchmark
    public BigDecimal formulaNaive() {
        int i = nextCall();
        return naiveCost(rows[i], durations[i], rounding);
    }

    @Benchmark
    public Charge rate() {
        int i = nextCall();
        return Rater.rate(deck, numbers[i], DeckGenerator.AT, durations[i]);
    }

    @Benchmark
    public BigDecimal rateNaive() {
        int i = nextCall();
        RateRow row = naiveFind(numbers[i], DeckGenerator.AT);
        return row == null ? null : naiveCost(row, durations[i], rounding);
    }

    /**
     * The naive formula: every step in BigDecimal, the division by 60 at DECIMAL128 precision, then rounded to the
     * deck's decimals.
     */
    static BigDecimal naiveCost(RateRow row, BigDecimal duration, Rounding rounding) {
        if (duration.signum() == 0) {
            return BigDecimal.ZERO.setScale(rounding.decimals());
        }
        Increments inc = row.increments();
        BigDecimal d = duration.setScale(0, RoundingMode.CEILING).max(BigDecimal.valueOf(row.minDuration()));
        BigDecimal a = BigDecimal.valueOf(inc.initial());
        BigDecimal b = BigDecimal.valueOf(inc.subsequent());
        BigDecimal billed = d.compareTo(a) <= 0 ? a
                : a.add(d.subtract(a).divide(b, 0, RoundingMode.CEILING).multiply(b));
        return row.connectFee().add(row.rate().multiply(billed).divide(SIXTY, MathContext.DECIMAL128))
                .setScale(rounding.decimals(), rounding.mode());
    }

    /** The naive lookup: a HashMap of prefix to versions, probed with every prefix of the number, longest first. */
    RateRow naiveFind(String number, Instant at) {
        for (int length = number.length(); length > 0; length--) {
            RateRow[] versions = byPrefix.get(number.substring(0, length));
            if (versions != null) {
                for (RateRow row : versions) {
                    if (row.isEffectiveAt(at)) {
                        return row;
                    }
                }
            }
        }
        return null;
    }

    /** Versions of each prefix, latest effective_from first. */
    private static Map<String, RateRow[]> naiveIndex(List<RateRow> rows) {
        Map<String, RateRow[]> index = new HashMap<>();
        for (RateRow row : rows) {
            index.merge(row.prefix(), new RateRow[] {row}, (a, b) -> {
                RateRow[] all = Arrays.copyOf(a, a.length + 1);
                all[a.length] = b[0];
                Arrays.sort(all, (x, y) -> -compareFrom(x.effectiveFrom(), y.effectiveFrom()));
                return all;
            });
        }
        return index;
    }

    private static int compareFrom(Instant x, Instant y) {
        return x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
    }

    private void checkSameAnswers() {
        for (int i = 0; i < CALLS; i++) {
            Charge charge = Rater.rate(deck, numbers[i], DeckGenerator.AT, durations[i]);
            BigDecimal naive = naiveCost(rows[i], durations[i], rounding);
            if (charge.row() != rows[i] || naiveFind(numbers[i], DeckGenerator.AT) != rows[i] || charge.cost().compareTo(naive) != 0) {
                throw new IllegalStateException("Rater and the naive formula disagree on " + numbers[i] + " "
                        + durations[i] + "s: " + charge + " vs " + naive);
            }
        }
        System.out.printf("%n[setup] deck of %d rows; %d calls, Rater and the naive baseline agree on every one%n",
                deck.rows().size(), CALLS);
    }
}
