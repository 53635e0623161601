package io.tollgate.core.rating;

import io.tollgate.core.money.Rounding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RaterPropertiesTest {
    private static final BigInteger SIXTY = BigInteger.valueOf(60);

    @Property
    void anAnsweredCallIsBilledAtLeastItsDurationRoundedUp(@ForAll("rows") RateRow row,
                                                           @ForAll("answered") BigDecimal duration) {
        long billed = Rater.billedSeconds(row, duration);
        BigInteger wholeSeconds = ceil(duration);
        assertThat(BigInteger.valueOf(billed)).isGreaterThanOrEqualTo(wholeSeconds);
        assertThat(billed).isGreaterThanOrEqualTo(row.minDuration()).isGreaterThanOrEqualTo(row.increments().initial());
    }

    /**
     * The billed seconds characterised without the formula: the first increment, or the first increment plus whole
     * subsequent blocks; covering the (minimum-raised) duration; and no block more than needed.
     */
    @Property
    void billedSecondsAreTheFewestIncrementStepsCoveringTheCall(@ForAll("rows") RateRow row,
                                                                @ForAll("answered") BigDecimal duration) {
        long billed = Rater.billedSeconds(row, duration);
        long a = row.increments().initial();
        long b = row.increments().subsequent();
        long needed = Math.max(ceil(duration).longValueExact(), row.minDuration());
        assertThat(billed).isGreaterThanOrEqualTo(needed);
        assertThat((billed - a) % b).as("whole blocks after the initial increment").isZero();
        if (billed > a) {
            assertThat(billed - b).as("one block fewer would not cover the call").isLessThan(needed);
        }
    }

    @Property
    void anUnansweredCallBillsNothingAndCostsNothing(@ForAll("rows") RateRow row, @ForAll("roundings") Rounding r) {
        BigDecimal zero = new BigDecimal(BigInteger.ZERO, 3);
        assertThat(Rater.billedSeconds(row, zero)).isZero();
        assertThat(Rater.cost(row, 0, r)).isEqualByComparingTo("0");
    }

    @Property
    void costNeverDecreasesAsTheCallGetsLonger(@ForAll("rows") RateRow row, @ForAll("roundings") Rounding r,
                                              @ForAll("durations") BigDecimal d1, @ForAll("durations") BigDecimal d2) {
        BigDecimal shorter = d1.min(d2);
        BigDecimal longer = d1.max(d2);
        long billedShorter = Rater.billedSeconds(row, shorter);
        long billedLonger = Rater.billedSeconds(row, longer);
        assertThat(billedShorter).isLessThanOrEqualTo(billedLonger);
        assertThat(Rater.cost(row, billedShorter, r)).isLessThanOrEqualTo(Rater.cost(row, billedLonger, r));
    }

    /**
     * cost = connect_fee + rate * billed / 60 rounded once, checked against an integer computation: scale the exact
     * sum to whole units of 10^-decimals times 60, divide by 60 with a remainder, and round by the remainder.
     */
    @Property
    void costIsConnectFeePlusRateTimesBilledOverSixtyRoundedOnce(@ForAll("rows") RateRow row,
                                                                 @ForAll("roundings") Rounding r,
                                                                 @ForAll("answered") BigDecimal duration) {
        long billed = Rater.billedSeconds(row, duration);
        BigDecimal cost = Rater.cost(row, billed, r);
        assertThat(cost).isEqualTo(independentCost(row.rate(), row.connectFee(), billed, r));
        assertThat(cost.scale()).isEqualTo(r.decimals());
    }

    @Property
    void roundingDirectionAndDistanceFromTheExactCost(@ForAll("rows") RateRow row, @ForAll("roundings") Rounding r,
                                                      @ForAll("answered") BigDecimal duration) {
        long billed = Rater.billedSeconds(row, duration);
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
    }

    @Property
    void rateThroughADeckIsTheRowsBilledSecondsAndCost(@ForAll("rows") RateRow row, @ForAll("roundings") Rounding r,
                                                      @ForAll("durations") BigDecimal duration) {
        RateDeck deck = RateDeck.of(List.of(row), r);
        Charge charge = Rater.rate(deck, row.prefix() + "123", Instant.EPOCH, duration);
        assertThat(charge.isRated()).isTrue();
        assertThat(charge.row()).isSameAs(row);
        assertThat(charge.billedSeconds()).isEqualTo(Rater.billedSeconds(row, duration));
        assertThat(charge.cost()).isEqualTo(independentCost(row.rate(), row.connectFee(), charge.billedSeconds(), r));
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

    @Provide
    Arbitrary<RateRow> rows() {
        Arbitrary<BigDecimal> rate = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.TEN).ofScale(6),
                Arbitraries.of("0", "0.01", "0.0137", "1", "150", "0.00003").map(BigDecimal::new));
        Arbitrary<BigDecimal> fee = Arbitraries.oneOf(
                Arbitraries.just(BigDecimal.ZERO),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(7));
        Arbitrary<Increments> increments = Arbitraries.oneOf(
                Arbitraries.of(Increments.PER_MINUTE, Increments.PER_SECOND, new Increments(30, 6)),
                Combinators.combine(Arbitraries.integers().between(1, 120), Arbitraries.integers().between(1, 120))
                        .as(Increments::new));
        Arbitrary<Integer> minDuration = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 300));
        return Combinators.combine(rate, fee, increments, minDuration)
                .as((r, f, i, m) -> new RateRow("44", "", r, f, i, m, null, null));
    }

    @Provide
    Arbitrary<BigDecimal> answered() {
        // up to 100,000 s with 0 to 4 decimals: 0.0001 s, 0.2 s, 61.0001 s, 3600 s...
        return Arbitraries.integers().between(0, 4).flatMap(scale ->
                Arbitraries.longs().between(1, 100_000L * BigInteger.TEN.pow(scale).longValueExact())
                        .map(unscaled -> BigDecimal.valueOf(unscaled, scale)));
    }

    @Provide
    Arbitrary<BigDecimal> durations() {
        return Arbitraries.oneOf(Arbitraries.just(BigDecimal.ZERO), answered(),
                Arbitraries.longs().between(0, 400).map(BigDecimal::valueOf));
    }

    @Provide
    Arbitrary<Rounding> roundings() {
        return Combinators.combine(Arbitraries.integers().between(0, Rounding.MAX_DECIMALS),
                        Arbitraries.of(RoundingMode.UP, RoundingMode.HALF_UP, RoundingMode.DOWN))
                .as(Rounding::new);
    }
}
