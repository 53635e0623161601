package io.tollgate.core.rating;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RateDeck.find against a scan of every row: longest prefix among the rows effective then, latest from first. */
class RateDeckPropertiesTest {
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Property
    void findAgreesWithAScanOfEveryRow(@ForAll("decks") List<RateRow> rows, @ForAll("numbers") String number,
                                      @ForAll("times") Instant at) {
        RateRow expected = null;
        for (RateRow row : rows) {
            boolean effective = (row.effectiveFrom() == null || row.effectiveFrom().compareTo(at) <= 0)
                    && (row.effectiveTo() == null || at.compareTo(row.effectiveTo()) < 0);
            if (effective && number.startsWith(row.prefix()) && (expected == null || beats(row, expected))) {
                expected = row;
            }
        }
        Statistics.label("matched").collect(expected != null);
        assertThat(RateDeck.of(rows).find(number, at)).isSameAs(expected);
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
    Arbitrary<List<RateRow>> decks() {
        Arbitrary<String> prefix = Arbitraries.strings().withChars('1', '2', '3').ofMinLength(1).ofMaxLength(3);
        Arbitrary<BigDecimal> rate = Arbitraries.of("0.01", "0.02", "0.03", "0.05").map(BigDecimal::new);
        Arbitrary<Integer> fromDay = Arbitraries.integers().between(0, 5).injectNull(0.3);
        Arbitrary<Integer> days = Arbitraries.integers().between(1, 3).injectNull(0.4);
        Arbitrary<RateRow> row = Combinators.combine(prefix, rate, fromDay, days).as((p, r, f, len) -> {
            Instant from = f == null ? null : BASE.plus(Duration.ofDays(f));
            Instant to = len == null ? null : (from == null ? BASE : from).plus(Duration.ofDays(len));
            return new RateRow(p, "", r, BigDecimal.ZERO, Increments.PER_MINUTE, 0, from, to);
        });
        return row.list().ofMaxSize(12).uniqueElements(r -> r.prefix() + "@" + r.effectiveFrom());
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.strings().withChars('1', '2', '3').ofMinLength(1).ofMaxLength(5);
    }

    @Provide
    Arbitrary<Instant> times() {
        // whole days hit effective_from/effective_to exactly; a millisecond before and midday fall either side
        return Combinators.combine(Arbitraries.integers().between(-1, 9),
                        Arbitraries.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofHours(12)))
                .as((day, offset) -> BASE.plus(Duration.ofDays(day)).plus(offset));
    }
}
