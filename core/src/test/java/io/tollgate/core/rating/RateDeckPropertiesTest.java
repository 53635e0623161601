package io.tollgate.core.rating;

import io.tollgate.core.testing.Cases;
import io.tollgate.core.testing.Draw;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** RateDeck.find against a scan of every row: longest prefix among the rows effective then, latest from first. */
class RateDeckPropertiesTest {
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final int TRIES = 1000;

    /** A deck, a number looked up in it, and when. */
    record Lookup(List<RateRow> rows, String number, Instant at) {
    }

    @TestFactory
    Stream<DynamicTest> findAgreesWithAScanOfEveryRow() {
        return lookups().check(l -> assertThat(RateDeck.of(l.rows()).find(l.number(), l.at())).isSameAs(scan(l)));
    }

    /** The comparison is only worth something if lookups both find a row and miss one often enough. */
    @Test
    void theLookupsBothMatchAndMissOften() {
        double matched = lookups().share(l -> scan(l) != null);
        assertThat(matched).as("share of lookups that find a row (about 0.3)").isBetween(0.15, 0.85);
    }

    private static Cases<Lookup> lookups() {
        return Cases.draw(TRIES, RateDeckPropertiesTest::lookup).withEdgeCases(edgeLookups());
    }

    static RateRow scan(Lookup l) {
        RateRow expected = null;
        for (RateRow row : l.rows()) {
            boolean effective = (row.effectiveFrom() == null || row.effectiveFrom().compareTo(l.at()) <= 0)
                    && (row.effectiveTo() == null || l.at().compareTo(row.effectiveTo()) < 0);
            if (effective && l.number().startsWith(row.prefix()) && (expected == null || beats(row, expected))) {
                expected = row;
            }
        }
        return expected;
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

    static Lookup lookup(Random r) {
        return new Lookup(deck(r), Draw.string(r, "123", 1, 5), time(r));
    }

    /** Up to 12 rows over a three-digit alphabet, no two with the same prefix and effective_from. */
    static List<RateRow> deck(Random r) {
        return Draw.distinctListOf(r, 12, rr -> {
            String prefix = Draw.string(rr, "123", 1, 3);
            BigDecimal rate = new BigDecimal(Draw.oneOf(rr, "0.01", "0.02", "0.03", "0.05"));
            Integer fromDay = Draw.orNull(rr, 0.3, x -> Draw.between(x, 0, 5));
            Integer days = Draw.orNull(rr, 0.4, x -> Draw.between(x, 1, 3));
            return row(prefix, rate, fromDay, days);
        }, row -> row.prefix() + "@" + row.effectiveFrom());
    }

    private static RateRow row(String prefix, BigDecimal rate, Integer fromDay, Integer days) {
        Instant from = fromDay == null ? null : BASE.plus(Duration.ofDays(fromDay));
        Instant to = days == null ? null : (from == null ? BASE : from).plus(Duration.ofDays(days));
        return new RateRow(prefix, "", rate, BigDecimal.ZERO, Increments.PER_MINUTE, 0, from, to);
    }

    /** Whole days hit effective_from/effective_to exactly; a millisecond before and midday fall either side. */
    static Instant time(Random r) {
        return BASE.plus(Duration.ofDays(Draw.between(r, -1, 9)))
                .plus(Draw.oneOf(r, Duration.ZERO, Duration.ofMillis(-1), Duration.ofHours(12)));
    }

    /** An empty deck, one row, and versions of nested prefixes, each at the instants around their bounds. */
    private static List<Lookup> edgeLookups() {
        BigDecimal rate = new BigDecimal("0.01");
        List<List<RateRow>> decks = List.of(
                List.of(),
                List.of(row("1", rate, null, null)),
                List.of(row("123", rate, null, 1), row("123", rate, 0, 3), row("123", rate, 2, null)),
                List.of(row("1", rate, null, null), row("12", rate, 0, 1), row("123", rate, 5, 3),
                        row("12", rate, null, null), row("123", rate, null, 1)));
        List<Lookup> edges = new ArrayList<>();
        for (List<RateRow> deck : decks) {
            for (String number : List.of("1", "123", "12345", "33333")) {
                for (int day : List.of(-1, 0, 1, 2, 3, 5, 8, 9)) {
                    for (Duration offset : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
                        edges.add(new Lookup(deck, number, BASE.plus(Duration.ofDays(day)).plus(offset)));
                    }
                }
            }
        }
        return edges;
    }
}
