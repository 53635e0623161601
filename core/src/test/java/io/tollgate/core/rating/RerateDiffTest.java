package io.tollgate.core.rating;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.instructions.Party;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RerateDiffTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant SETUP = Instant.parse("2026-11-26T10:00:00Z");

    private static RatedCdr rated(String customer, Currency currency, String revenue, String cost) {
        Cdr cdr = new Cdr("c-" + customer + revenue + cost, customer, "4930111", "4915112345678", SETUP,
                SETUP.plusSeconds(1), SETUP.plusSeconds(61), new BigDecimal("60"), Disposition.ANSWERED, 16,
                List.of(new CallAttempt("vendor-b", "leg", 16, 500L, true)));
        return RatedCdr.rated(cdr, "vendor-b", leg(currency, revenue), leg(currency, cost), BigDecimal.ONE);
    }

    private static RatedLeg leg(Currency currency, String amount) {
        return new RatedLeg("deck", 1, currency, "49", new BigDecimal(amount), 60, new BigDecimal(amount));
    }

    private static RatedCdr noRevenue(RatedCdr stored) {
        return RatedCdr.unrated(stored.cdr(), stored.vendor(), null, stored.vendorLeg(), stored.currency(),
                "customer:no_rate");
    }

    @Test
    void sumsTheRepricedLegAndTheMarginPerCustomer() {
        RerateDiff diff = new RerateDiff(Party.CUSTOMER, EUR);
        RatedCdr a = rated("acme", EUR, "0.10", "0.04");
        RatedCdr b = rated("acme", EUR, "0.20", "0.05");
        RatedCdr c = rated("acme", EUR, "0.30", "0.06");

        assertThat(diff.add(a, rated("acme", EUR, "0.12", "0.04"))).isTrue();
        assertThat(diff.add(b, b)).isFalse();
        assertThat(diff.add(c, noRevenue(c))).isTrue();

        RerateDiff.Line acme = diff.lines().get(0);
        assertThat(diff.lines()).hasSize(1);
        assertThat(acme.customer()).isEqualTo("acme");
        assertThat(acme.calls()).isEqualTo(3);
        assertThat(acme.changed()).isEqualTo(2);
        assertThat(acme.unratedBefore()).isZero();
        assertThat(acme.unratedAfter()).isEqualTo(1);
        assertThat(acme.amountBefore()).isEqualByComparingTo("0.60");
        assertThat(acme.amountAfter()).isEqualByComparingTo("0.32");
        assertThat(acme.amountChange()).isEqualByComparingTo("-0.28");
        // margins: before 0.06 + 0.15 + 0.24; after 0.08 + 0.15, the unrated call adding none
        assertThat(acme.marginBefore()).isEqualByComparingTo("0.45");
        assertThat(acme.marginAfter()).isEqualByComparingTo("0.23");
        assertThat(acme.marginChange()).isEqualByComparingTo("-0.22");
        assertThat(acme.marginCurrency()).isEqualTo(EUR);
        assertThat(diff.total()).isEqualTo(new RerateDiff.Line("total", 3, 2, 0, 1, EUR, acme.amountBefore(),
                acme.amountAfter(), EUR, acme.marginBefore(), acme.marginAfter()));
    }

    @Test
    void aVendorsCostIsSummedOverCustomersButMarginsOnlyInOneCurrency() {
        RerateDiff diff = new RerateDiff(Party.VENDOR, EUR);
        RatedCdr acme = rated("acme", EUR, "0.10", "0.04");
        RatedCdr globex = rated("globex", USD, "0.10", "0.04");
        diff.add(acme, rated("acme", EUR, "0.10", "0.03"));
        diff.add(globex, globex);

        assertThat(diff.lines()).extracting(RerateDiff.Line::customer).containsExactly("acme", "globex");
        assertThat(diff.lines().get(1).marginCurrency()).isEqualTo(USD);
        RerateDiff.Line total = diff.total();
        assertThat(total.calls()).isEqualTo(2);
        assertThat(total.changed()).isEqualTo(1);
        assertThat(total.amountBefore()).isEqualByComparingTo("0.08");
        assertThat(total.amountAfter()).isEqualByComparingTo("0.07");
        assertThat(total.marginCurrency()).isNull();
        assertThat(total.marginBefore()).isNull();
        assertThat(total.marginChange()).isNull();
    }
}
