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
        RatedCdr rated = RatedCdr.rated(CdrTest.answered(List.of()), "carrier-b", REVENUE, COST, EUR);

        assertThat(rated.margin()).isEqualTo(new BigDecimal("0.002750"));
        assertThat(rated.rated()).isTrue();
        assertThat(rated.callId()).isEqualTo("c1");
    }

    @Test
    void aLossIsANegativeMargin() {
        RatedCdr loss = RatedCdr.rated(CdrTest.answered(List.of()), "carrier-b", COST, REVENUE, EUR);

        assertThat(loss.margin()).isEqualTo(new BigDecimal("-0.002750"));
    }

    @Test
    void anUnansweredCallIsRatedAtZeroNotUnrated() {
        RatedLeg nothing = new RatedLeg("acme-1", "4915", new BigDecimal("0.012"), 0, BigDecimal.ZERO);

        RatedCdr busy = RatedCdr.rated(CdrTest.unanswered(Disposition.BUSY), "carrier-b", nothing, nothing, EUR);

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

        assertThatThrownBy(() -> new RatedCdr(cdr, "v", REVENUE, null, BigDecimal.ZERO, EUR, null))
                .hasMessageContaining("vendorLeg is required");
        assertThatThrownBy(() -> new RatedCdr(cdr, "v", null, null, BigDecimal.ZERO, EUR, "no_rate"))
                .hasMessageContaining("an unrated CDR has no margin");
        assertThatThrownBy(() -> new RatedCdr(cdr, "v", REVENUE, COST, BigDecimal.ZERO, EUR, null))
                .hasMessageContaining("margin 0 is not revenue minus cost 0.002750 for call c1");
        assertThatThrownBy(() -> RatedCdr.unrated(cdr, "v", null, null, EUR, " "))
                .hasMessageContaining("unratedReason must not be blank");
    }

    private static RatedLeg leg(String amount) {
        return new RatedLeg("deck-1", "4915", new BigDecimal("0.0120"), 66, new BigDecimal(amount));
    }
}
