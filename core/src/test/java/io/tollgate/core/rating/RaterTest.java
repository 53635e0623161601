package io.tollgate.core.rating;

import io.tollgate.core.money.Rounding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cost formula of ARCHITECTURE.md on hand-computed cases. Every expected value below was worked out from the
 * spec (the arithmetic is in the comments), not by running the code.
 */
class RaterTest {
    private static final Instant T = Instant.parse("2026-03-10T12:00:00Z");
    private static final String UK_MOBILE = "447700900123";

    private static RateRow row(String rate, String fee, String increments, int minDuration) {
        return new RateRow("44", "UK", new BigDecimal(rate), new BigDecimal(fee), Increments.parse(increments),
                minDuration, null, null);
    }

    private static Charge rate(RateRow row, String duration, Rounding rounding) {
        return Rater.rate(RateDeck.of(List.of(row), rounding), UK_MOBILE, T, new BigDecimal(duration));
    }

    private static Charge rate(RateRow row, String duration) {
        return rate(row, duration, Rounding.DEFAULT);
    }

    private static void assertCharge(Charge charge, long billed, String cost) {
        assertThat(charge.isRated()).isTrue();
        assertThat(charge.billedSeconds()).as("billed seconds").isEqualTo(billed);
        assertThat(charge.cost().toPlainString()).as("cost").isEqualTo(cost);
    }

    @Nested
    class Increments6060 {
        private final RateRow perMinute = row("0.06", "0", "60/60", 0);

        @ParameterizedTest(name = "{0} s -> {1} s billed, cost {2}")
        @CsvSource({
                // rate 0.06/min: cost = 0.06 * billed / 60 = 0.001 * billed
                "1,   60,  0.060000",
                "59,  60,  0.060000",
                "60,  60,  0.060000",
                "61,  120, 0.120000", // 60 + ceil(1/60)*60
                "120, 120, 0.120000",
                "125, 180, 0.180000", // 60 + ceil(65/60)*60 = 60 + 2*60
        })
        void chargesWholeMinutes(String duration, long billed, String cost) {
            assertCharge(rate(perMinute, duration), billed, cost);
        }
    }

    @Nested
    class Increments11 {
        private final RateRow perSecond = row("0.06", "0", "1/1", 0);

        @ParameterizedTest(name = "{0} s -> {1} s billed, cost {2}")
        @CsvSource({
                "1,    1,    0.001000", // 0.06 * 1 / 60
                "7,    7,    0.007000", // 0.06 * 7 / 60 = 0.42 / 60
                "61,   61,   0.061000",
                "3600, 3600, 3.600000", // 0.06 * 60 minutes
        })
        void chargesEverySecond(String duration, long billed, String cost) {
            assertCharge(rate(perSecond, duration), billed, cost);
        }
    }

    @Nested
    class Increments306 {
        private final RateRow thirtySix = row("0.12", "0", "30/6", 0);

        @ParameterizedTest(name = "{0} s -> {1} s billed, cost {2}")
        @CsvSource({
                "1,   30,  0.060000", // d <= 30: 30 s; 0.12 * 30 / 60
                "10,  30,  0.060000",
                "30,  30,  0.060000",
                "31,  36,  0.072000", // 30 + ceil(1/6)*6;  0.12 * 36 / 60 = 4.32 / 60
                "36,  36,  0.072000", // 30 + ceil(6/6)*6
                "37,  42,  0.084000", // 30 + ceil(7/6)*6 = 30 + 12; 5.04 / 60
                "100, 102, 0.204000", // 30 + ceil(70/6)*6 = 30 + 12*6; 12.24 / 60
        })
        void chargesTheFirstThirtySecondsThenEachStartedSixSeconds(String duration, long billed, String cost) {
            assertCharge(rate(thirtySix, duration), billed, cost);
        }
    }

    @Nested
    class ConnectFee {
        @Test
        void isAddedOnceToTheDurationCharge() {
            RateRow row = row("0.06", "0.015", "60/60", 0);
            assertCharge(rate(row, "1"), 60, "0.075000");   // 0.015 + 0.06
            assertCharge(rate(row, "61"), 120, "0.135000"); // 0.015 + 0.12
        }

        @Test
        void isChargedWithAZeroRate() {
            assertCharge(rate(row("0", "0.25", "1/1", 0), "42"), 42, "0.250000");
        }

        @Test
        void isNotChargedOnAnUnansweredCall() {
            assertCharge(rate(row("0.06", "0.015", "60/60", 30), "0"), 0, "0.000000");
        }

        @Test
        void withIncrementsAndFourDecimalsAllRoundingModes() {
            // 47.3 s -> 48 s; 30/6: 30 + ceil(18/6)*6 = 48; 0.0137 * 48 = 0.6576; / 60 = 0.01096; + 0.0033 = 0.01426
            RateRow row = row("0.0137", "0.0033", "30/6", 0);
            assertCharge(rate(row, "47.3", new Rounding(4, RoundingMode.HALF_UP)), 48, "0.0143");
            assertCharge(rate(row, "47.3", new Rounding(4, RoundingMode.DOWN)), 48, "0.0142");
            assertCharge(rate(row, "47.3", new Rounding(4, RoundingMode.UP)), 48, "0.0143");
            assertCharge(rate(row, "47.3", new Rounding(6, RoundingMode.DOWN)), 48, "0.014260");
        }
    }

    @Nested
    class MinimumDuration {
        @Test
        void raisesShortCallsToTheMinimumBeforeIncrements() {
            RateRow row = row("0.06", "0", "1/1", 30);
            assertCharge(rate(row, "10"), 30, "0.030000");  // max(10, 30) = 30; 0.06 * 30 / 60
            assertCharge(rate(row, "0.2"), 30, "0.030000"); // ceil(0.2) = 1; max(1, 30) = 30
            assertCharge(rate(row, "30"), 30, "0.030000");
            assertCharge(rate(row, "45"), 45, "0.045000");  // above the minimum: the duration itself
        }

        @Test
        void aMinimumAboveTheInitialIncrementIsThenRoundedToIncrements() {
            // max(10, 90) = 90; 60/60: 60 + ceil(30/60)*60 = 120; 0.06 * 120 / 60
            assertCharge(rate(row("0.06", "0", "60/60", 90), "10"), 120, "0.120000");
            // max(5, 40) = 40; 30/6: 30 + ceil(10/6)*6 = 42; 0.12 * 42 / 60 = 5.04 / 60
            assertCharge(rate(row("0.12", "0", "30/6", 40), "5"), 42, "0.084000");
        }
    }

    @Nested
    class UnansweredAndFractions {
        @ParameterizedTest
        @CsvSource({"0", "0.0", "0.000"})
        void unansweredCallsBillZeroSecondsAndCostZero(String duration) {
            RateRow row = row("0.5", "0.1", "60/60", 60);
            Charge charge = rate(row, duration);
            assertCharge(charge, 0, "0.000000");
            assertThat(charge.row()).isSameAs(row);
            assertThat(Rater.billedSeconds(row, new BigDecimal(duration))).isZero();
        }

        @Test
        void aFractionOfASecondIsBilledAsAWholeSecondBeforeIncrements() {
            assertCharge(rate(row("0.06", "0", "1/1", 0), "0.2"), 1, "0.001000");
            assertCharge(rate(row("0.06", "0", "60/60", 0), "0.2"), 60, "0.060000");
            assertCharge(rate(row("0.06", "0", "1/1", 0), "6.000001"), 7, "0.007000");
        }

        @Test
        void justOverAMinuteBillsTwoMinutesOnPerMinuteIncrements() {
            // 61.0001 -> 62 s; 60/60: 60 + ceil(2/60)*60 = 120
            assertCharge(rate(row("0.06", "0", "60/60", 0), "61.0001"), 120, "0.120000");
            // 60.0001 -> 61 s; still a second minute
            assertCharge(rate(row("0.06", "0", "60/60", 0), "60.0001"), 120, "0.120000");
        }

        @Test
        void trailingZerosAreNotAFraction() {
            assertCharge(rate(row("0.06", "0", "60/60", 0), "60.0000"), 60, "0.060000");
            assertCharge(rate(row("0.06", "0", "60/60", 0), "59.9999"), 60, "0.060000");
        }

        @Test
        void aNegativeDurationIsRefused() {
            RateRow row = row("0.06", "0", "60/60", 0);
            assertThatThrownBy(() -> Rater.billedSeconds(row, new BigDecimal("-1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> Rater.billedSeconds(row, new BigDecimal("-0.001")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RoundingOnce {
        @ParameterizedTest(name = "{0} decimals {1} -> {2}")
        @CsvSource({
                // rate 0.01/min, 1 s billed: 0.01 / 60 = 0.000166666...
                "6, HALF_UP, 0.000167",
                "6, DOWN,    0.000166",
                "6, UP,      0.000167",
                "4, HALF_UP, 0.0002",
                "4, DOWN,    0.0001",
                "4, UP,      0.0002",
                "2, HALF_UP, 0.00",
                "2, DOWN,    0.00",
                "2, UP,      0.01",
                "0, HALF_UP, 0",
                "0, DOWN,    0",
                "0, UP,      1",
        })
        void aNonTerminatingCostIsRoundedByTheDeckRule(int decimals, RoundingMode mode, String cost) {
            assertCharge(rate(row("0.01", "0", "1/1", 0), "1", new Rounding(decimals, mode)), 1, cost);
        }

        @ParameterizedTest(name = "{0} decimals {1}: {2}/min for 1 s -> {3}")
        @CsvSource({
                // exact halves at the first dropped digit: HALF_UP goes away from zero
                "0, HALF_UP, 150,     3",        // 150 / 60 = 2.5
                "0, DOWN,    150,     2",
                "0, UP,      150,     3",
                "2, HALF_UP, 0.3,     0.01",     // 0.3 / 60 = 0.005
                "2, DOWN,    0.3,     0.00",
                "2, UP,      0.3,     0.01",
                "4, HALF_UP, 0.003,   0.0001",   // 0.003 / 60 = 0.00005
                "4, DOWN,    0.003,   0.0000",
                "4, UP,      0.003,   0.0001",
                "6, HALF_UP, 0.00003, 0.000001", // 0.00003 / 60 = 0.0000005
                "6, DOWN,    0.00003, 0.000000",
                "6, UP,      0.00003, 0.000001",
                // just under a half: only UP goes up
                "2, HALF_UP, 0.2999,  0.00",     // 0.2999 / 60 = 0.0049983...
                "2, UP,      0.2999,  0.01",
                // 0.05 / 60 = 0.000833333...: HALF_UP and DOWN agree, UP differs
                "6, HALF_UP, 0.05,    0.000833",
                "6, DOWN,    0.05,    0.000833",
                "6, UP,      0.05,    0.000834",
        })
        void halvesAndNearHalvesFollowTheMode(int decimals, RoundingMode mode, String rate, String cost) {
            assertCharge(rate(row(rate, "0", "1/1", 0), "1", new Rounding(decimals, mode)), 1, cost);
        }

        @Test
        void theConnectFeeIsAddedBeforeTheOneRounding() {
            // 0.0000005 + 0.01/60 = 0.0000005 + 0.000166666... = 0.000167166...
            // rounding each part first would give HALF_UP 0.000001 + 0.000167 = 0.000168 and DOWN 0 + 0.000166
            RateRow row = row("0.01", "0.0000005", "1/1", 0);
            assertCharge(rate(row, "1", new Rounding(6, RoundingMode.HALF_UP)), 1, "0.000167");
            assertCharge(rate(row, "1", new Rounding(6, RoundingMode.DOWN)), 1, "0.000167");
            assertCharge(rate(row, "1", new Rounding(6, RoundingMode.UP)), 1, "0.000168");
        }

        @Test
        void theConnectFeeCanCarryTheSumOverADigit() {
            // 0.0000009 + 0.000166666... = 0.000167566...; DOWN of the parts would be 0 + 0.000166
            RateRow row = row("0.01", "0.0000009", "1/1", 0);
            assertCharge(rate(row, "1", new Rounding(6, RoundingMode.DOWN)), 1, "0.000167");
            assertCharge(rate(row, "1", new Rounding(6, RoundingMode.HALF_UP)), 1, "0.000168");
        }

        @Test
        void aRepeatingQuotientOverManySeconds() {
            // 0.0137 * 13 = 0.1781; / 60 = 0.0029683333...
            RateRow row = row("0.0137", "0", "1/1", 0);
            assertCharge(rate(row, "13", new Rounding(6, RoundingMode.HALF_UP)), 13, "0.002968");
            assertCharge(rate(row, "13", new Rounding(6, RoundingMode.DOWN)), 13, "0.002968");
            assertCharge(rate(row, "13", new Rounding(6, RoundingMode.UP)), 13, "0.002969");
        }

        @Test
        void costOfZeroBilledSecondsIsZeroAtTheRuleScale() {
            RateRow row = row("0.5", "0.1", "1/1", 0);
            assertThat(Rater.cost(row, 0, new Rounding(4, RoundingMode.UP)).toPlainString()).isEqualTo("0.0000");
        }

        @Test
        void costCanBeComputedDirectlyForBilledSeconds() {
            // 0.015 + 0.06 * 90 / 60 = 0.015 + 0.09
            RateRow row = row("0.06", "0.015", "30/6", 0);
            assertThat(Rater.cost(row, 90, Rounding.DEFAULT).toPlainString()).isEqualTo("0.105000");
        }
    }

    @Nested
    class Unratable {
        @Test
        void aNumberNoRowMatchesIsNoRateNeverAZero() {
            RateDeck deck = RateDeck.of(List.of(RateRow.simple("44", "0.1")));
            Charge charge = Rater.rate(deck, "33123456789", T, new BigDecimal("60"));
            assertThat(charge.isRated()).isFalse();
            assertThat(charge.reason()).isEqualTo(Charge.Unrated.NO_RATE);
            assertThat(charge.reason().code()).isEqualTo("no_rate");
            assertThat(charge.cost()).isNull();
            assertThat(charge.row()).isNull();
        }

        @Test
        void reasonCodes() {
            assertThat(Charge.Unrated.BAD_NUMBER.code()).isEqualTo("bad_number");
        }
    }
}
