package io.tollgate.core.rating;

import io.tollgate.core.money.Rounding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which row charges a number at a time: effective windows and longest prefix, through the rater. */
class RateDeckTest {

    private static RateRow row(String prefix, String rate, String from, String to) {
        return new RateRow(prefix, "", new BigDecimal(rate), BigDecimal.ZERO, Increments.PER_MINUTE, 0,
                from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
    }

    /** A one-minute call at {@code at}: on 60/60 its cost equals the per-minute rate of the row used. */
    private static String minuteCost(RateDeck deck, String number, String at) {
        Charge charge = Rater.rate(deck, number, Instant.parse(at), BigDecimal.valueOf(60));
        return charge.isRated() ? charge.cost().toPlainString() : charge.reason().code();
    }

    @Nested
    class EffectiveWindows {
        private final RateDeck deck = RateDeck.of(List.of(
                row("44", "0.10", null, null),
                row("44", "0.08", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")));

        @ParameterizedTest(name = "at {0}: {1}")
        @CsvSource({
                "2026-02-28T23:59:59.999Z, 0.100000", // before the later version starts
                "2026-03-01T00:00:00Z,     0.080000", // effective_from is inclusive
                "2026-03-15T12:00:00Z,     0.080000", // both effective: the later effective_from wins
                "2026-03-31T23:59:59.999Z, 0.080000",
                "2026-04-01T00:00:00Z,     0.100000", // effective_to is exclusive: the earlier applies again
                "2027-01-01T00:00:00Z,     0.100000",
        })
        void aLaterVersionSupersedesWhileEffectiveThenTheEarlierAppliesAgain(String at, String cost) {
            assertThat(minuteCost(deck, "442079460958", at)).isEqualTo(cost);
        }

        @Test
        void aRowStopsApplyingAtItsEffectiveToAndTheCallFallsBackToAShorterPrefix() {
            RateDeck deck = RateDeck.of(List.of(
                    row("44", "0.10", null, null),
                    row("447", "0.20", null, "2026-03-15T12:00:00Z")));
            assertThat(minuteCost(deck, "447700900123", "2026-03-15T11:59:59Z")).isEqualTo("0.200000");
            assertThat(minuteCost(deck, "447700900123", "2026-03-15T12:00:00Z")).isEqualTo("0.100000");
        }

        @Test
        void aRowStartingMidPeriodAppliesOnlyFromItsEffectiveFrom() {
            RateDeck deck = RateDeck.of(List.of(
                    row("44", "0.10", null, null),
                    row("4477", "0.30", "2026-03-15T12:00:00Z", null)));
            assertThat(minuteCost(deck, "447700900123", "2026-03-15T11:59:59.999Z")).isEqualTo("0.100000");
            assertThat(minuteCost(deck, "447700900123", "2026-03-15T12:00:00Z")).isEqualTo("0.300000");
        }

        @Test
        void noRowEffectiveMeansNoRate() {
            RateDeck deck = RateDeck.of(List.of(row("44", "0.10", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")));
            assertThat(minuteCost(deck, "442079460958", "2026-02-28T23:59:59Z")).isEqualTo("no_rate");
            assertThat(minuteCost(deck, "442079460958", "2026-04-01T00:00:00Z")).isEqualTo("no_rate");
            assertThat(minuteCost(deck, "442079460958", "2026-03-01T00:00:00Z")).isEqualTo("0.100000");
        }

        @Test
        void withThreeVersionsTheLatestEffectiveOneApplies() {
            List<RateRow> rows = new ArrayList<>(List.of(
                    row("44", "0.10", null, null),
                    row("44", "0.09", "2026-01-01T00:00:00Z", null),
                    row("44", "0.07", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")));
            // the order rows arrive in must not matter
            Collections.shuffle(rows, new Random(7));
            RateDeck deck = RateDeck.of(rows);
            assertThat(minuteCost(deck, "4412", "2025-12-31T23:59:59Z")).isEqualTo("0.100000");
            assertThat(minuteCost(deck, "4412", "2026-01-15T00:00:00Z")).isEqualTo("0.090000");
            assertThat(minuteCost(deck, "4412", "2026-02-15T00:00:00Z")).isEqualTo("0.070000");
            // after the latest version ends, the middle one (not the oldest) applies again
            assertThat(minuteCost(deck, "4412", "2026-03-01T00:00:00Z")).isEqualTo("0.090000");
        }

        @Test
        void anEarlierVersionAppliesAgainAfterTheLaterOneOnlyUntilItsOwnEffectiveTo() {
            RateDeck deck = RateDeck.of(List.of(
                    row("44", "0.10", "2026-01-01T00:00:00Z", "2026-03-15T00:00:00Z"),
                    row("44", "0.05", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")));
            assertThat(minuteCost(deck, "4412", "2026-02-10T00:00:00Z")).isEqualTo("0.050000");
            assertThat(minuteCost(deck, "4412", "2026-03-10T00:00:00Z")).isEqualTo("0.100000");
            assertThat(minuteCost(deck, "4412", "2026-03-15T00:00:00Z")).isEqualTo("no_rate");
        }

        @Test
        void versionsOfAPrefixAreListedLatestEffectiveFromFirst() {
            RateRow always = row("44", "0.10", null, null);
            RateRow january = row("44", "0.09", "2026-01-01T00:00:00Z", null);
            RateRow february = row("44", "0.07", "2026-02-01T00:00:00Z", null);
            RateDeck deck = RateDeck.of(List.of(january, always, february));
            assertThat(deck.versionsOf("44")).containsExactly(february, january, always);
            assertThat(deck.versionsOf("447")).isEmpty();
            assertThat(deck.rows()).containsExactly(january, always, february);
            assertThat(deck.prefixCount()).isEqualTo(1);
        }

        @Test
        void aPrefixWithOneVersionBehavesLikeOneWithSeveral() {
            // a lone version is kept without an array: it must still be listed, and skipped when not effective
            RateRow country = row("44", "0.10", null, null);
            RateRow mobile = row("447", "0.20", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z");
            RateDeck deck = RateDeck.of(List.of(country, mobile));
            assertThat(deck.versionsOf("447")).containsExactly(mobile);
            assertThat(deck.versionsOf("44")).containsExactly(country);
            assertThat(deck.find("4471234", Instant.parse("2026-02-10T00:00:00Z"))).isSameAs(mobile);
            assertThat(deck.find("4471234", Instant.parse("2026-03-01T00:00:00Z"))).isSameAs(country);
            assertThat(deck.find("4471234", Instant.parse("2026-01-31T23:59:59Z"))).isSameAs(country);
            assertThat(RateDeck.of(List.of(mobile)).find("4471234", Instant.parse("2026-03-10T00:00:00Z"))).isNull();
            assertThat(deck.prefixCount()).isEqualTo(2);
        }

        @Test
        void aSecondAndThirdVersionJoinALoneOneInOrder() {
            RateRow march = row("44", "0.08", "2026-03-01T00:00:00Z", null);
            RateRow always = row("44", "0.10", null, null);
            RateRow january = row("44", "0.09", "2026-01-01T00:00:00Z", null);
            RateDeck deck = RateDeck.of(List.of(march, always, january));
            assertThat(deck.versionsOf("44")).containsExactly(march, january, always);
            assertThat(deck.find("441", Instant.parse("2025-12-31T00:00:00Z"))).isSameAs(always);
            assertThat(deck.find("441", Instant.parse("2026-02-01T00:00:00Z"))).isSameAs(january);
            assertThat(deck.find("441", Instant.parse("2026-03-01T00:00:00Z"))).isSameAs(march);
            assertThatThrownBy(() -> RateDeck.of(List.of(always, row("44", "0.2", null, "2026-01-01T00:00:00Z"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("prefix 44");
        }

        @Test
        void rowEffectivenessIsFromInclusiveToExclusive() {
            RateRow r = row("44", "0.1", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
            assertThat(r.isEffectiveAt(Instant.parse("2026-02-28T23:59:59.999999999Z"))).isFalse();
            assertThat(r.isEffectiveAt(Instant.parse("2026-03-01T00:00:00Z"))).isTrue();
            assertThat(r.isEffectiveAt(Instant.parse("2026-03-31T23:59:59.999999999Z"))).isTrue();
            assertThat(r.isEffectiveAt(Instant.parse("2026-04-01T00:00:00Z"))).isFalse();
            RateRow always = RateRow.simple("44", "0.1");
            assertThat(always.isEffectiveAt(Instant.MIN)).isTrue();
            assertThat(always.isEffectiveAt(Instant.MAX)).isTrue();
        }
    }

    @Nested
    class OverlappingPrefixes {
        private final RateDeck deck = RateDeck.of(List.of(
                row("44", "0.10", null, null),
                row("447", "0.20", null, null),
                row("4477", "0.30", null, null)));

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource({
                "447700900123, 0.300000",
                "4477,         0.300000",
                "447600900123, 0.200000",
                "447,          0.200000",
                "442079460958, 0.100000",
                "33142685300,  no_rate",
                "4,            no_rate",
        })
        void theLongestMatchingPrefixCharges(String number, String cost) {
            assertThat(minuteCost(deck, number, "2026-03-10T12:00:00Z")).isEqualTo(cost);
        }

        @Test
        void fallsBackToAShorterPrefixWhenTheLongestOnesRowIsNotEffective() {
            RateDeck deck = RateDeck.of(List.of(
                    row("44", "0.10", null, null),
                    row("447", "0.20", null, "2026-03-01T00:00:00Z"),
                    row("4477", "0.30", null, "2026-02-01T00:00:00Z")));
            assertThat(minuteCost(deck, "447700900123", "2026-01-31T00:00:00Z")).isEqualTo("0.300000");
            assertThat(minuteCost(deck, "447700900123", "2026-02-01T00:00:00Z")).isEqualTo("0.200000");
            assertThat(minuteCost(deck, "447700900123", "2026-03-01T00:00:00Z")).isEqualTo("0.100000");
        }

        @Test
        void aShorterPrefixIsNotUsedWhileALongerOneIsEffectiveEvenIfCheaper() {
            RateDeck deck = RateDeck.of(List.of(row("44", "0.01", null, null), row("4477", "0.50", null, null)));
            assertThat(minuteCost(deck, "447700900123", "2026-03-10T12:00:00Z")).isEqualTo("0.500000");
        }

        @Test
        void findReturnsTheRowItself() {
            RateRow r447 = row("447", "0.20", null, null);
            RateDeck deck = RateDeck.of(List.of(row("44", "0.10", null, null), r447));
            assertThat(deck.find("447911", Instant.parse("2026-03-10T12:00:00Z"))).isSameAs(r447);
            assertThat(deck.find("33", Instant.parse("2026-03-10T12:00:00Z"))).isNull();
            assertThat(deck.prefixCount()).isEqualTo(2);
        }
    }

    @Test
    void theDeckRoundingRuleIsWhatTheRaterUses() {
        // 0.01 / 60 for 1 s = 0.000166...; 2 decimals UP = 0.01
        RateRow perSecond = new RateRow("44", "", new BigDecimal("0.01"), BigDecimal.ZERO, Increments.PER_SECOND, 0,
                null, null);
        RateDeck deck = RateDeck.of(List.of(perSecond), new Rounding(2, RoundingMode.UP));
        assertThat(deck.rounding()).isEqualTo(new Rounding(2, RoundingMode.UP));
        Charge charge = Rater.rate(deck, "4412", Instant.parse("2026-03-10T12:00:00Z"), BigDecimal.ONE);
        assertThat(charge.cost().toPlainString()).isEqualTo("0.01");
        assertThat(RateDeck.of(List.of(perSecond)).rounding()).isEqualTo(Rounding.DEFAULT);
    }

    @Test
    void twoRowsWithTheSamePrefixAndEffectiveFromAreAProgrammingError() {
        assertThatThrownBy(() -> RateDeck.of(List.of(row("44", "0.1", null, null), row("44", "0.2", null, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix 44");
        assertThatThrownBy(() -> RateDeck.of(List.of(
                row("44", "0.1", "2026-01-01T00:00:00Z", null),
                row("44", "0.2", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-01-01T00:00:00Z");
    }

    @Test
    void aRowWhoseEffectiveToIsNotAfterItsEffectiveFromIsRefused() {
        assertThatThrownBy(() -> row("44", "0.1", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after");
    }

    @Test
    void aSimpleRowHasTheDeckDefaults() {
        RateRow r = RateRow.simple("44", "0.1");
        assertThat(r.connectFee()).isEqualByComparingTo("0");
        assertThat(r.increments()).isEqualTo(new Increments(60, 60));
        assertThat(r.minDuration()).isZero();
        assertThat(r.effectiveFrom()).isNull();
        assertThat(r.effectiveTo()).isNull();
        assertThat(r.destination()).isEmpty();
    }
}
