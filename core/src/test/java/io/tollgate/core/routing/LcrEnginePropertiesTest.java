package io.tollgate.core.routing;

import io.tollgate.core.rating.Increments;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The LCR engine against a brute-force scan of every row of every vendor's deck. */
class LcrEnginePropertiesTest {
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    // ids whose string order differs from their numeric order, and upper before lower case
    private static final List<String> VENDOR_IDS = List.of("v1", "v2", "v10", "v9", "B", "a", "carrier-x", "z");

    record Scenario(Map<String, List<RateRow>> decks, String number, Instant at, List<Block> blocks,
                    BigDecimal maxRate, boolean allowLoss, int limit) {

        RouteRequest request() {
            return new RouteRequest(number, at, blocks, maxRate, allowLoss, limit);
        }
    }

    /** Random scenarios only: jqwik's edge cases (one vendor, one row) would crowd out the competing ones. */
    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void routesEqualABruteForceScan(@ForAll("scenarios") Scenario s) {
        List<Route> expected = bruteForce(s);
        assertThat(engine(s).routes(s.request())).isEqualTo(expected);

        int candidates = candidates(s).size();
        Statistics.label("vendors with an effective row").collect(candidates);
        Statistics.label("routes").collect(expected.size());
        // the comparison is only worth something if vendors often compete for the number
        Statistics.label("competing").collect(candidates >= 2);
        Statistics.label("competing").coverage(check -> check.check(true).percentage(p -> p >= 25));
    }

    @Property(edgeCases = EdgeCasesMode.FIRST)
    void routesEqualABruteForceScanOnEdgeCases(@ForAll("scenarios") Scenario s) {
        assertThat(engine(s).routes(s.request())).isEqualTo(bruteForce(s));
    }

    @Property
    void routesAreSortedByRateThenVendorAndNeverRepeatAVendor(@ForAll("scenarios") Scenario s) {
        List<Route> routes = engine(s).routes(s.request());
        assertThat(routes).extracting(Route::vendor).doesNotHaveDuplicates();
        for (int i = 1; i < routes.size(); i++) {
            Route prev = routes.get(i - 1);
            Route next = routes.get(i);
            int byRate = prev.rate().compareTo(next.rate());
            assertThat(byRate < 0 || byRate == 0 && prev.vendor().compareTo(next.vendor()) < 0)
                    .as("%s before %s", prev, next).isTrue();
        }
        if (s.limit() > 0) {
            assertThat(routes).hasSizeLessThanOrEqualTo(s.limit());
        }
    }

    private static LcrEngine engine(Scenario s) {
        Map<String, RateDeck> decks = new LinkedHashMap<>();
        s.decks().forEach((vendor, rows) -> decks.put(vendor, RateDeck.of(rows)));
        return LcrEngine.of(decks);
    }

    static List<Route> bruteForce(Scenario s) {
        List<Route> routes = new ArrayList<>();
        for (Route candidate : candidates(s)) {
            if (s.maxRate() != null && !s.allowLoss() && candidate.rate().compareTo(s.maxRate()) > 0) {
                continue;
            }
            boolean blocked = false;
            for (Block b : s.blocks()) {
                if ((b.vendor() == null || b.vendor().equals(candidate.vendor()))
                        && (b.prefix() == null || s.number().startsWith(b.prefix()))) {
                    blocked = true;
                }
            }
            if (!blocked) {
                routes.add(candidate);
            }
        }
        routes.sort((x, y) -> {
            int byRate = x.rate().compareTo(y.rate());
            return byRate != 0 ? byRate : x.vendor().compareTo(y.vendor());
        });
        return s.limit() > 0 && routes.size() > s.limit() ? routes.subList(0, s.limit()) : routes;
    }

    /** Per vendor, the row with the longest prefix of the number among every row effective at the time. */
    static List<Route> candidates(Scenario s) {
        List<Route> candidates = new ArrayList<>();
        for (Map.Entry<String, List<RateRow>> deck : s.decks().entrySet()) {
            RateRow best = null;
            for (RateRow row : deck.getValue()) {
                boolean effective = (row.effectiveFrom() == null || !s.at().isBefore(row.effectiveFrom()))
                        && (row.effectiveTo() == null || s.at().isBefore(row.effectiveTo()));
                if (effective && s.number().startsWith(row.prefix()) && (best == null || beats(row, best))) {
                    best = row;
                }
            }
            if (best != null) {
                candidates.add(new Route(deck.getKey(), best));
            }
        }
        return candidates;
    }

    /** Longer prefix first; for the same prefix, the later effective_from (none = earliest). */
    private static boolean beats(RateRow row, RateRow other) {
        if (row.prefix().length() != other.prefix().length()) {
            return row.prefix().length() > other.prefix().length();
        }
        Instant a = row.effectiveFrom() == null ? Instant.MIN : row.effectiveFrom();
        Instant b = other.effectiveFrom() == null ? Instant.MIN : other.effectiveFrom();
        return a.isAfter(b);
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Map<String, List<RateRow>>> decks = Arbitraries.maps(Arbitraries.of(VENDOR_IDS), deckRows())
                .ofMinSize(1).ofMaxSize(6).withSizeDistribution(RandomDistribution.uniform());
        Arbitrary<String> number = digits(3, 6);
        Arbitrary<Instant> at = Combinators.combine(Arbitraries.integers().between(-1, 7),
                        Arbitraries.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofHours(12)))
                .as((day, offset) -> BASE.plus(Duration.ofDays(day)).plus(offset));
        Arbitrary<Block> block = Combinators.combine(Arbitraries.of(VENDOR_IDS).injectNull(0.5),
                        digits(1, 3).injectNull(0.5))
                .as((vendor, prefix) -> vendor == null && prefix == null ? null : new Block(vendor, prefix))
                .filter(Objects::nonNull);
        Arbitrary<List<Block>> blocks = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.of())), Tuple.of(1, block.list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<BigDecimal> maxRate = rates().injectNull(0.6);
        return Combinators.combine(decks, number, at, blocks, maxRate, Arbitraries.of(false, false, true),
                        Arbitraries.integers().between(0, 4))
                .as(Scenario::new);
    }

    /** Up to 8 rows, prefixes over two digits so they overlap; no two with the same prefix and effective_from. */
    private Arbitrary<List<RateRow>> deckRows() {
        Arbitrary<Integer> fromDay = Arbitraries.integers().between(0, 5).injectNull(0.4);
        Arbitrary<Integer> days = Arbitraries.integers().between(1, 3).injectNull(0.5);
        Arbitrary<RateRow> row = Combinators.combine(digits(1, 3), rates(), fromDay, days)
                .as((prefix, rate, f, len) -> {
                    Instant from = f == null ? null : BASE.plus(Duration.ofDays(f));
                    Instant to = len == null ? null : (from == null ? BASE : from).plus(Duration.ofDays(len));
                    return new RateRow(prefix, "", rate, BigDecimal.ZERO, Increments.PER_MINUTE, 0, from, to);
                });
        return row.list().ofMaxSize(8).withSizeDistribution(RandomDistribution.uniform())
                .uniqueElements(r -> r.prefix() + "@" + r.effectiveFrom());
    }

    /** Few distinct rates, so ties are common; 0.01 and 0.010 are the same rate at different scales. */
    private static Arbitrary<BigDecimal> rates() {
        return Arbitraries.of("0.01", "0.010", "0.02", "0.03", "0.05", "0.1").map(BigDecimal::new);
    }

    private static Arbitrary<String> digits(int min, int max) {
        return Arbitraries.strings().withChars('1', '2').ofMinLength(min).ofMaxLength(max);
    }
}
