package io.tollgate.core.routing;

import io.tollgate.core.rating.Increments;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import io.tollgate.core.testing.Cases;
import io.tollgate.core.testing.Draw;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The LCR engine against a brute-force scan of every row of every vendor's deck. */
class LcrEnginePropertiesTest {
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    // ids whose string order differs from their numeric order, and upper before lower case
    private static final List<String> VENDOR_IDS = List.of("v1", "v2", "v10", "v9", "B", "a", "carrier-x", "z");
    /** Few distinct rates, so ties are common; 0.01 and 0.010 are the same rate at different scales. */
    private static final List<String> RATES = List.of("0.01", "0.010", "0.02", "0.03", "0.05", "0.1");

    /** Random scenarios only: edge cases (one vendor, one row) would crowd out the competing ones. */
    private static final Cases<Scenario> SCENARIOS = Cases.draw(2000, LcrEnginePropertiesTest::scenario);

    record Scenario(Map<String, List<RateRow>> decks, String number, Instant at, List<Block> blocks,
                    BigDecimal maxRate, boolean allowLoss, int limit) {

        RouteRequest request() {
            return new RouteRequest(number, at, blocks, maxRate, allowLoss, limit);
        }

        Scenario at(Instant t) {
            return new Scenario(decks, number, t, blocks, maxRate, allowLoss, limit);
        }
    }

    /** One engine asked the same request at several times, in the order drawn: forwards, backwards, repeated. */
    record Sequence(Scenario scenario, List<Instant> times) {
    }

    @TestFactory
    Stream<DynamicTest> routesEqualABruteForceScan() {
        return SCENARIOS.check(s -> assertThat(engine(s).routes(s.request())).isEqualTo(bruteForce(s)));
    }

    /** The engine keeps the current stretch's lists for lookups; moving it on or searching the past must agree. */
    @TestFactory
    Stream<DynamicTest> oneEngineAskedAtManyTimesInAnyOrderEqualsABruteForceScan() {
        return Cases.draw("times", 500, r -> new Sequence(scenario(r), Draw.listOf(r, 2, 10,
                        LcrEnginePropertiesTest::time)))
                .check(q -> {
                    LcrEngine engine = engine(q.scenario());
                    for (Instant t : q.times()) {
                        Scenario s = q.scenario().at(t);
                        assertThat(engine.routes(s.request())).as("at %s", t).isEqualTo(bruteForce(s));
                    }
                });
    }

    /** The comparison is only worth something if vendors often compete for the number. */
    @Test
    void vendorsCompeteInEnoughOfTheScenarios() {
        assertThat(SCENARIOS.share(s -> candidates(s).size() >= 2))
                .as("share of scenarios with at least two vendors with an effective row").isGreaterThanOrEqualTo(0.25);
        assertThat(SCENARIOS.share(s -> !bruteForce(s).isEmpty())).as("share of scenarios with a route")
                .isGreaterThanOrEqualTo(0.25);
    }

    @TestFactory
    Stream<DynamicTest> routesEqualABruteForceScanOnEdgeCases() {
        return Cases.draw("edge cases", 1000, LcrEnginePropertiesTest::scenario)
                .withEdgeCases(edgeScenarios())
                .check(s -> assertThat(engine(s).routes(s.request())).isEqualTo(bruteForce(s)));
    }

    @TestFactory
    Stream<DynamicTest> routesAreSortedByRateThenVendorAndNeverRepeatAVendor() {
        return Cases.draw("order", 1000, LcrEnginePropertiesTest::scenario)
                .withEdgeCases(edgeScenarios())
                .check(s -> {
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
                });
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

    // ---- the cases ----

    /** One to six vendors (uniformly), a number, a time, blocks a third of the time, a rate cap 40% of the time. */
    static Scenario scenario(Random r) {
        Map<String, List<RateRow>> decks = new LinkedHashMap<>();
        int vendors = r.nextInt(1, 7);
        while (decks.size() < vendors) {
            decks.putIfAbsent(Draw.oneOf(r, VENDOR_IDS), deckRows(r));
        }
        String number = digits(r, 3, 6);
        Instant at = time(r);
        List<Block> blocks = r.nextInt(3) < 2 ? List.of() : Draw.listOf(r, 1, 3, LcrEnginePropertiesTest::block);
        BigDecimal maxRate = Draw.orNull(r, 0.6, LcrEnginePropertiesTest::rate);
        boolean allowLoss = Draw.oneOf(r, false, false, true);
        return new Scenario(decks, number, at, blocks, maxRate, allowLoss, Draw.between(r, 0, 4));
    }

    /** A day from -1 to 7 after the base, at a row's boundary, just before one, or between two. */
    private static Instant time(Random r) {
        return BASE.plus(Duration.ofDays(Draw.between(r, -1, 7)))
                .plus(Draw.oneOf(r, Duration.ZERO, Duration.ofMillis(-1), Duration.ofHours(12)));
    }

    private static Block block(Random r) {
        String vendor;
        String prefix;
        do {
            vendor = Draw.orNull(r, 0.5, rr -> Draw.oneOf(rr, VENDOR_IDS));
            prefix = Draw.orNull(r, 0.5, rr -> digits(rr, 1, 3));
        } while (vendor == null && prefix == null);
        return new Block(vendor, prefix);
    }

    /** Up to 8 rows (uniformly), prefixes over two digits so they overlap; no two with the same prefix and from. */
    private static List<RateRow> deckRows(Random r) {
        int size = r.nextInt(0, 9);
        List<RateRow> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            RateRow row = row(digits(r, 1, 3), rate(r), Draw.orNull(r, 0.4, rr -> Draw.between(rr, 0, 5)),
                    Draw.orNull(r, 0.5, rr -> Draw.between(rr, 1, 3)));
            String key = row.prefix() + "@" + row.effectiveFrom();
            if (!keys.contains(key)) {
                keys.add(key);
                rows.add(row);
            }
        }
        return rows;
    }

    private static RateRow row(String prefix, BigDecimal rate, Integer fromDay, Integer days) {
        Instant from = fromDay == null ? null : BASE.plus(Duration.ofDays(fromDay));
        Instant to = days == null ? null : (from == null ? BASE : from).plus(Duration.ofDays(days));
        return new RateRow(prefix, "", rate, BigDecimal.ZERO, Increments.PER_MINUTE, 0, from, to);
    }

    private static BigDecimal rate(Random r) {
        return new BigDecimal(Draw.oneOf(r, RATES));
    }

    private static String digits(Random r, int min, int max) {
        return Draw.string(r, "12", min, max);
    }

    /**
     * The small and the extreme: one vendor with no row or one row, rows at the first and last rate and day, equal
     * rates at different scales, nested prefixes; the shortest and longest numbers; the instants around the bounds;
     * no block, a destination, a vendor, both; no cap, the lowest cap with and without loss; no limit, 1 and 4.
     */
    static List<Scenario> edgeScenarios() {
        BigDecimal cheapest = new BigDecimal(RATES.get(0));
        BigDecimal sameAtOtherScale = new BigDecimal(RATES.get(1));
        BigDecimal dearest = new BigDecimal(RATES.get(RATES.size() - 1));
        List<Map<String, List<RateRow>>> decks = List.of(
                Map.of("v1", List.of()),
                Map.of("a", List.of(row("1", cheapest, null, null))),
                Map.of("z", List.of(row("222", dearest, 5, 3))),
                inOrder(Map.entry("v1", List.of(row("1", cheapest, null, null))),
                        Map.entry("v10", List.of(row("1", sameAtOtherScale, null, null))),
                        Map.entry("B", List.of(row("1", cheapest, 0, 1)))),
                inOrder(Map.entry("v9", List.of(row("1", dearest, null, null), row("11", cheapest, 0, 1),
                                row("111", dearest, 5, null))),
                        Map.entry("v10", List.of(row("11", cheapest, null, 2), row("11", dearest, 0, null))),
                        Map.entry("carrier-x", List.of(row("2", cheapest, null, null),
                                row("111", sameAtOtherScale, null, null)))));
        List<Instant> times = List.of(BASE.minus(Duration.ofDays(1)), BASE.minusMillis(1), BASE,
                BASE.plus(Duration.ofDays(1)).minusMillis(1), BASE.plus(Duration.ofDays(7)).plus(Duration.ofHours(12)));
        record Request(List<Block> blocks, BigDecimal maxRate, boolean allowLoss, int limit) {
        }
        List<Request> requests = List.of(
                new Request(List.of(), null, false, 0),
                new Request(List.of(), null, false, 1),
                new Request(List.of(), cheapest, false, 4),
                new Request(List.of(), cheapest, true, 0),
                new Request(List.of(Block.destination("1")), null, false, 0),
                new Request(List.of(Block.vendor("v1")), null, false, 1),
                new Request(List.of(new Block("v10", "11")), dearest, false, 4),
                new Request(List.of(Block.vendor("v9"), Block.destination("222"), new Block("a", "1")), cheapest, true, 1));
        List<Scenario> scenarios = new ArrayList<>();
        for (Map<String, List<RateRow>> deck : decks) {
            for (String number : List.of("111", "222222")) {
                for (Instant at : times) {
                    for (Request q : requests) {
                        scenarios.add(new Scenario(deck, number, at, q.blocks(), q.maxRate(), q.allowLoss(), q.limit()));
                    }
                }
            }
        }
        return scenarios;
    }

    @SafeVarargs
    private static Map<String, List<RateRow>> inOrder(Map.Entry<String, List<RateRow>>... decks) {
        Map<String, List<RateRow>> map = new LinkedHashMap<>();
        for (Map.Entry<String, List<RateRow>> deck : decks) {
            map.put(deck.getKey(), deck.getValue());
        }
        return map;
    }
}
