package io.tollgate.core.cdr;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatedCdrTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final RatedLeg REVENUE = leg("0.013200");
    private static final RatedLeg COST = leg("0.010450");

    @Test
    void marginIsRevenueMinusCostExactly() {
        RatedCdr rated = RatedCdr.rated(CdrTest.answered(List.of()), "carrier-b", REVENUE, COST, BigDecimal.ONE);

        assertThat(rated.margin()).isEqualTo(new BigDecimal("0.002750"));
        assertThat(rated.rated()).isTrue();
        assertThat(rated.callId()).isEqualTo("c1");
    }

    @Test
    void aLossIsANegativeMargin() {
        RatedCdr loss = RatedCdr.rated(CdrTest.answered(List.of()), "carrier-b", COST, REVENUE, BigDecimal.ONE);

        assertThat(loss.margin()).isEqualTo(new BigDecimal("-0.002750"));
    }

    @Test
    void anUnansweredCallIsRatedAtZeroNotUnrated() {
        RatedLeg nothing = new RatedLeg("acme", 1, EUR, "4915", new BigDecimal("0.012"), 0, BigDecimal.ZERO);

        RatedCdr busy = RatedCdr.rated(CdrTest.unanswered(Disposition.BUSY), "carrier-b", nothing, nothing, BigDecimal.ONE);

        assertThat(busy.rated()).isTrue();
        assertThat(busy.margin()).isZero();
    }

    @Test
    void anUnratedCallCarriesItsReasonAndNoMargin() {
        RatedCdr unrated = RatedCdr.unrated(CdrTest.answered(List.of()), "carrier-b", REVENUE, null, EUR, "no_rate");

        assertThat(unrated.rated()).isFalse();
        assertThat(unrated.margin()).isNull();
        assertThat(unrated.unratedReason()).isEqualTo("no_rate");
    }

    @Test
    void neverASilentZero() {
        Cdr cdr = CdrTest.answered(List.of());

        assertThatThrownBy(() -> new RatedCdr(cdr, "v", REVENUE, null, BigDecimal.ONE, BigDecimal.ZERO, EUR, null))
                .hasMessageContaining("vendorLeg is required");
        assertThatThrownBy(() -> new RatedCdr(cdr, "v", null, null, null, BigDecimal.ZERO, EUR, "no_rate"))
                .hasMessageContaining("an unrated CDR has no margin");
        assertThatThrownBy(() -> new RatedCdr(cdr, "v", REVENUE, COST, BigDecimal.ONE, BigDecimal.ZERO, EUR, null))
                .hasMessageContaining("margin 0 is not revenue minus cost 0.002750 for call c1");
        assertThatThrownBy(() -> RatedCdr.unrated(cdr, "v", null, null, EUR, " "))
                .hasMessageContaining("unratedReason must not be blank");
    }

    @Test
    void aCostInAnotherCurrencyIsConvertedAndRoundedOnceForTheMargin() {
        RatedLeg usdCost = new RatedLeg("vendor-x", 2, Currency.getInstance("USD"), "4915", new BigDecimal("0.0095"), 66,
                new BigDecimal("0.010450"));

        RatedCdr rated = RatedCdr.rated(CdrTest.answered(List.of()), "vendor-x", REVENUE, usdCost,
                new BigDecimal("0.9213"));

        // 0.010450 USD x 0.9213 = 0.0096275850 EUR, rounded once to 0.009628
        assertThat(rated.margin()).isEqualTo(new BigDecimal("0.003572"));
        assertThat(rated.currency()).isEqualTo(EUR);
    }

    @Test
    void theMarginIsInTheCustomersCurrency() {
        RatedLeg usdRevenue = new RatedLeg("acme", 1, Currency.getInstance("USD"), "4915", BigDecimal.ONE, 60,
                BigDecimal.ONE);

        assertThatThrownBy(() -> new RatedCdr(CdrTest.answered(List.of()), "v", usdRevenue, COST, BigDecimal.ONE,
                new BigDecimal("0.989550"), EUR, null)).hasMessageContaining("is not the customer leg's USD");
    }

    private static RatedLeg leg(String amount) {
        return new RatedLeg("deck-1", 1, EUR, "4915", new BigDecimal("0.0120"), 66, new BigDecimal(amount));
    }
}
