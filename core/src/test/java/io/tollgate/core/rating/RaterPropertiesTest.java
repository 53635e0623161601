package io.tollgate.core.rating;

import io.tollgate.core.money.Rounding;
import io.tollgate.core.testing.Cases;
import io.tollgate.core.testing.Draw;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RaterPropertiesTest {
    private static final BigInteger SIXTY = BigInteger.valueOf(60);
    private static final int TRIES = 1000;

    /** A call of {@code duration} seconds priced by {@code row} under {@code rounding}. */
    record Call(RateRow row, Rounding rounding, BigDecimal duration) {
    }

    /** Two calls priced alike. */
    record TwoCalls(RateRow row, Rounding rounding, BigDecimal d1, BigDecimal d2) {
    }

    @TestFactory
    Stream<DynamicTest> anAnsweredCallIsBilledAtLeastItsDurationRoundedUp() {
        return answeredCalls().check(c -> {
            RateRow row = c.row();
            long billed = Rater.billedSeconds(row, c.duration());
            BigInteger wholeSeconds = ceil(c.duration());
            assertThat(BigInteger.valueOf(billed)).isGreaterThanOrEqualTo(wholeSeconds);
            assertThat(billed).isGreaterThanOrEqualTo(row.minDuration())
                    .isGreaterThanOrEqualTo(row.increments().initial());
        });
    }

    /**
     * The billed seconds characterised without the formula: the first increment, or the first increment plus whole
     * subsequent blocks; covering the (minimum-raised) duration; and no block more than needed.
     */
    @TestFactory
    Stream<DynamicTest> billedSecondsAreTheFewestIncrementStepsCoveringTheCall() {
        return answeredCalls().check(c -> {
            RateRow row = c.row();
            long billed = Rater.billedSeconds(row, c.duration());
            long a = row.increments().initial();
            long b = row.increments().subsequent();
            long needed = Math.max(ceil(c.duration()).longValueExact(), row.minDuration());
            assertThat(billed).isGreaterThanOrEqualTo(needed);
            assertThat((billed - a) % b).as("whole blocks after the initial increment").isZero();
            if (billed > a) {
                assertThat(billed - b).as("one block fewer would not cover the call").isLessThan(needed);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> anUnansweredCallBillsNothingAndCostsNothing() {
        return Cases.draw(TRIES, r -> new Call(row(r), rounding(r), new BigDecimal(BigInteger.ZERO, 3)))
                .withEdgeCases(edgeCalls(List.of(new BigDecimal(BigInteger.ZERO, 3))))
                .check(c -> {
                    assertThat(Rater.billedSeconds(c.row(), c.duration())).isZero();
                    assertThat(Rater.cost(c.row(), 0, c.rounding())).isEqualByComparingTo("0");
                });
    }

    @TestFactory
    Stream<DynamicTest> costNeverDecreasesAsTheCallGetsLonger() {
        List<TwoCalls> edges = new ArrayList<>();
        for (Call c : edgeCalls(EDGE_DURATIONS)) {
            edges.add(new TwoCalls(c.row(), c.rounding(), BigDecimal.ZERO, c.duration()));
            edges.add(new TwoCalls(c.row(), c.rounding(), c.duration(), c.duration().add(new BigDecimal("0.0001"))));
        }
        return Cases.draw(TRIES, r -> new TwoCalls(row(r), rounding(r), duration(r), duration(r)))
                .withEdgeCases(edges)
                .check(c -> {
                    RateRow row = c.row();
                    Rounding r = c.rounding();
                    BigDecimal shorter = c.d1().min(c.d2());
                    BigDecimal longer = c.d1().max(c.d2());
                    long billedShorter = Rater.billedSeconds(row, shorter);
                    long billedLonger = Rater.billedSeconds(row, longer);
                    assertThat(billedShorter).isLessThanOrEqualTo(billedLonger);
                    assertThat(Rater.cost(row, billedShorter, r)).isLessThanOrEqualTo(Rater.cost(row, billedLonger, r));
                });
    }

    /**
     * cost = connect_fee + rate * billed / 60 rounded once, checked against an integer computation: scale the exact
     * sum to whole units of 10^-decimals times 60, divide by 60 with a remainder, and round by the remainder.
     */
    @TestFactory
    Stream<DynamicTest> costIsConnectFeePlusRateTimesBilledOverSixtyRoundedOnce() {
        return answeredCalls().check(c -> {
            Rounding r = c.rounding();
            long billed = Rater.billedSeconds(c.row(), c.duration());
            BigDecimal cost = Rater.cost(c.row(), billed, r);
            assertThat(cost).isEqualTo(independentCost(c.row().rate(), c.row().connectFee(), billed, r));
            assertThat(cost.scale()).isEqualTo(r.decimals());
        });
    }

    @TestFactory
    Stream<DynamicTest> roundingDirectionAndDistanceFromTheExactCost() {
        return answeredCalls().check(c -> {
            RateRow row = c.row();
            Rounding r = c.rounding();
            long billed = Rater.billedSeconds(row, c.duration());
            BigDecimal cost = Rater.cost(row, billed, r);
            // compare 60 * cost with the exact 60 * (fee + rate * billed / 60), which terminates
            BigDecimal exact60 = row.connectFee().multiply(BigDecimal.valueOf(60))
                    .add(row.rate().multiply(BigDecimal.valueOf(billed)));
            BigDecimal cost60 = cost.multiply(BigDecimal.valueOf(60));
            BigDecimal unit60 = BigDecimal.ONE.movePointLeft(r.decimals()).multiply(BigDecimal.valueOf(60));
            assertThat(cost60.subtract(exact60).abs()).isLessThan(unit60);
            switch (r.mode()) {
                case DOWN -> assertThat(cost60).isLessThanOrEqualTo(exact60);
                case UP -> assertThat(cost60).isGreaterThanOrEqualTo(exact60);
                default -> assertThat(cost60.subtract(exact60).abs().multiply(BigDecimal.valueOf(2)))
                        .isLessThanOrEqualTo(unit60);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> rateThroughADeckIsTheRowsBilledSecondsAndCost() {
        return anyCalls().check(c -> {
            RateRow row = c.row();
            Rounding r = c.rounding();
            RateDeck deck = RateDeck.of(List.of(row), r);
            Charge charge = Rater.rate(deck, row.prefix() + "123", Instant.EPOCH, c.duration());
            assertThat(charge.isRated()).isTrue();
            assertThat(charge.row()).isSameAs(row);
            assertThat(charge.billedSeconds()).isEqualTo(Rater.billedSeconds(row, c.duration()));
            assertThat(charge.cost()).isEqualTo(independentCost(row.rate(), row.connectFee(), charge.billedSeconds(), r));
        });
    }

    static BigDecimal independentCost(BigDecimal rate, BigDecimal fee, long billed, Rounding r) {
        if (billed == 0) {
            return BigDecimal.ZERO.setScale(r.decimals());
        }
        // bring rate and fee to one integer scale s: value = unscaled / 10^s
        int s = Math.max(Math.max(rate.scale(), fee.scale()), 0);
        BigInteger rateUnits = rate.movePointRight(s).toBigIntegerExact();
        BigInteger feeUnits = fee.movePointRight(s).toBigIntegerExact();
        // exact cost = (fee * 60 + rate * billed) / (60 * 10^s); in units of 10^-decimals:
        BigInteger numerator = feeUnits.multiply(SIXTY).add(rateUnits.multiply(BigInteger.valueOf(billed)))
                .multiply(BigInteger.TEN.pow(r.decimals()));
        BigInteger denominator = SIXTY.multiply(BigInteger.TEN.pow(s));
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        BigInteger q = qr[0];
        BigInteger remainder = qr[1];
        boolean up = switch (r.mode()) {
            case UP -> remainder.signum() > 0;
            case DOWN -> false;
            case HALF_UP -> remainder.shiftLeft(1).compareTo(denominator) >= 0;
            default -> throw new AssertionError(r.mode());
        };
        return new BigDecimal(up ? q.add(BigInteger.ONE) : q, r.decimals());
    }

    /** Whole seconds with any fraction counted as a second: the integer part, plus one if anything is left over. */
    private static BigInteger ceil(BigDecimal d) {
        BigInteger whole = d.toBigInteger();
        return new BigDecimal(whole).compareTo(d) == 0 ? whole : whole.add(BigInteger.ONE);
    }

    // ---- the cases ----

    /** Durations on and around increment boundaries, the shortest and the longest. */
    private static final List<BigDecimal> EDGE_DURATIONS = Stream.of(
                    "0.0001", "1", "5.9999", "30.0001", "59.9999", "60", "60.0001", "300.0001", "100000")
            .map(BigDecimal::new).toList();

    private static Cases<Call> answeredCalls() {
        return Cases.draw(TRIES, r -> new Call(row(r), rounding(r), answered(r)))
                .withEdgeCases(edgeCalls(EDGE_DURATIONS));
    }

    private static Cases<Call> anyCalls() {
        List<BigDecimal> edgeDurations = new ArrayList<>(EDGE_DURATIONS);
        edgeDurations.add(0, BigDecimal.ZERO);
        return Cases.draw(TRIES, r -> new Call(row(r), rounding(r), duration(r)))
                .withEdgeCases(edgeCalls(edgeDurations));
    }

    /**
     * Rows at the ends of every range (free and dear, no fee and the largest, 1/1 to 120/120, no minimum and the
     * longest) with each duration, in turn under the coarsest and the finest rounding of every mode.
     */
    private static List<Call> edgeCalls(List<BigDecimal> durations) {
        List<Increments> increments = List.of(Increments.PER_SECOND, Increments.PER_MINUTE, new Increments(30, 6),
                new Increments(1, 120), new Increments(120, 1), new Increments(120, 120));
        List<String> rates = List.of("0", "10.000000", "150", "0.00003");
        List<String> fees = List.of("0", "1.0000000", "0.0000001");
        List<Rounding> roundings = new ArrayList<>();
        for (int decimals : List.of(0, Rounding.MAX_DECIMALS)) {
            for (RoundingMode mode : List.of(RoundingMode.UP, RoundingMode.HALF_UP, RoundingMode.DOWN)) {
                roundings.add(new Rounding(decimals, mode));
            }
        }
        List<Call> calls = new ArrayList<>();
        int rows = 0;
        int i = 0;
        for (Increments inc : increments) {
            for (int minDuration : List.of(0, 300)) {
                RateRow row = new RateRow("44", "", new BigDecimal(rates.get(rows % rates.size())),
                        new BigDecimal(fees.get(rows % fees.size())), inc, minDuration, null, null);
                rows++;
                for (BigDecimal d : durations) {
                    calls.add(new Call(row, roundings.get(i++ % roundings.size()), d));
                }
            }
        }
        return calls;
    }

    static RateRow row(Random r) {
        BigDecimal rate = r.nextBoolean()
                ? BigDecimal.valueOf(Draw.between(r, 0, 10_000_000L), 6)
                : new BigDecimal(Draw.oneOf(r, "0", "0.01", "0.0137", "1", "150", "0.00003"));
        BigDecimal fee = r.nextBoolean() ? BigDecimal.ZERO : BigDecimal.valueOf(Draw.between(r, 0, 10_000_000L), 7);
        Increments increments = r.nextBoolean()
                ? Draw.oneOf(r, Increments.PER_MINUTE, Increments.PER_SECOND, new Increments(30, 6))
                : new Increments(Draw.between(r, 1, 120), Draw.between(r, 1, 120));
        int minDuration = r.nextBoolean() ? 0 : Draw.between(r, 0, 300);
        return new RateRow("44", "", rate, fee, increments, minDuration, null, null);
    }

    /** Up to 100,000 s with 0 to 4 decimals: 0.0001 s, 0.2 s, 61.0001 s, 3600 s... */
    static BigDecimal answered(Random r) {
        int scale = Draw.between(r, 0, 4);
        return BigDecimal.valueOf(Draw.between(r, 1, 100_000L * BigInteger.TEN.pow(scale).longValueExact()), scale);
    }

    /** Zero, an answered call, or whole seconds up to 400, a third each. */
    static BigDecimal duration(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> BigDecimal.ZERO;
            case 1 -> answered(r);
            default -> BigDecimal.valueOf(Draw.between(r, 0, 400L));
        };
    }

    static Rounding rounding(Random r) {
        return new Rounding(Draw.between(r, 0, Rounding.MAX_DECIMALS),
                Draw.oneOf(r, RoundingMode.UP, RoundingMode.HALF_UP, RoundingMode.DOWN));
    }
}
