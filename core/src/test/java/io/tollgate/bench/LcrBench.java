package io.tollgate.bench;

import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import io.tollgate.core.routing.LcrEngine;
import io.tollgate.core.routing.Route;
import io.tollgate.core.routing.RouteRequest;

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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Target 1: least-cost routing of one number across 20 vendor decks of 100k prefixes, against the naive scan
 * (per vendor, every row: startsWith + effective, keep the longest; then sort) in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LcrBench {
    private static final int NUMBERS = 1 << 16;
    private static final Comparator<Route> ROUTE_ORDER =
            Comparator.comparing(Route::rate).thenComparing(Route::vendor);

    /** Vendors and prefixes per vendor; smaller values only for a smoke run. */
    @Param("20")
    int vendors;
    @Param("100000")
    int prefixes;

    private LcrEngine engine;
    private String[] vendorIds;
    private RateRow[][] vendorRows;
    private String[] numbers;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        DeckGenerator generator = new DeckGenerator(prefixes * 3 / 2, prefixes);
        Map<String, RateDeck> decks = generator.decks(vendors);
        engine = LcrEngine.of(decks);
        vendorIds = decks.keySet().toArray(new String[0]);
        vendorRows = decks.values().stream().map(d -> d.rows().toArray(new RateRow[0])).toArray(RateRow[][]::new);
        numbers = generator.numbers(NUMBERS, 42);
        checkSameAnswers(100);
    }

    @Benchmark
    public List<Route> lcr() {
        return engine.routes(RouteRequest.of(nextNumber(), DeckGenerator.AT));
    }

    @Benchmark
    public List<Route> naiveScan() {
        return naiveRoutes(nextNumber(), DeckGenerator.AT);
    }

    private String nextNumber() {
        next = (next + 1) & (NUMBERS - 1);
        return numbers[next];
    }

    /** The baseline: every row of every deck, no index. */
    List<Route> naiveRoutes(String number, Instant at) {
        List<Route> routes = new ArrayList<>();
        for (int v = 0; v < vendorRows.length; v++) {
            RateRow best = null;
            for (RateRow row : vendorRows[v]) {
                if (number.startsWith(row.prefix()) && row.isEffectiveAt(at) && better(row, best)) {
                    best = row;
                }
            }
            if (best != null) {
                routes.add(new Route(vendorIds[v], best));
            }
        }
        routes.sort(ROUTE_ORDER);
        return routes;
    }

    /** Longer prefix wins; on the same prefix, the later effective_from. */
    private static boolean better(RateRow row, RateRow best) {
        if (best == null || row.prefix().length() > best.prefix().length()) {
            return true;
        }
        return row.prefix().length() == best.prefix().length() && row.effectiveFrom() != null
                && (best.effectiveFrom() == null || row.effectiveFrom().isAfter(best.effectiveFrom()));
    }

    /** The engine and the baseline must agree, or the comparison means nothing. */
    private void checkSameAnswers(int count) {
        int routed = 0;
        for (int i = 0; i < count; i++) {
            List<Route> fast = engine.routes(RouteRequest.of(numbers[i], DeckGenerator.AT));
            List<Route> slow = naiveRoutes(numbers[i], DeckGenerator.AT);
            if (!fast.equals(slow)) {
                throw new IllegalStateException("LcrEngine and the naive scan disagree on " + numbers[i]
                        + ":\n  engine " + fast + "\n  naive  " + slow);
            }
            routed += fast.isEmpty() ? 0 : 1;
        }
        System.out.printf("%n[setup] %d vendors, %d prefixes each; %d of %d sample numbers routed, answers agree%n",
                vendors, prefixes, routed, count);
    }
}
