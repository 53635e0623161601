package io.tollgate.core.rating;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.money.FxRates;
import io.tollgate.core.rating.CdrRater.PricedDeck;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CdrRaterTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant SETUP = Instant.parse("2026-11-26T10:00:00Z");
    private static final PricedDeck ACME = deck("acme", EUR, "49", "0.0200");
    private static final PricedDeck VENDOR_B = deck("vendor-b", EUR, "4915", "0.0120");

    private static PricedDeck deck(String id, Currency currency, String prefix, String rate) {
        return new PricedDeck(id, 3, currency, RateDeck.of(List.of(RateRow.simple(prefix, rate))));
    }

    private static CdrRater.DeckBook book(Map<String, PricedDeck> customers, Map<String, PricedDeck> vendors) {
        return new CdrRater.DeckBook() {
            @Override
            public PricedDeck customerDeck(String customer, Instant at) {
                return customers.get(customer);
            }

            @Override
            public PricedDeck vendorDeck(String vendor, Instant at) {
                return vendors.get(vendor);
            }
        };
    }

    private static Cdr answered(String customer, String bNumber, String seconds) {
        return new Cdr("c1", customer, "4930111", bNumber, SETUP, SETUP.plusSeconds(3),
                SETUP.plusSeconds(3).plusMillis(new BigDecimal(seconds).movePointRight(3).longValue()),
                new BigDecimal(seconds), Disposition.ANSWERED, 16,
                List.of(new CallAttempt("vendor-a", "c1-v1", 34, null, false),
                        new CallAttempt("vendor-b", "c1-v2", 16, 900L, true)));
    }

    @Test
    void bothSidesArePricedWithTheCarryingVendorsDeck() {
        RatedCdr rated = CdrRater.rate(answered("acme", "4915112345678", "61.2"),
                book(Map.of("acme", ACME), Map.of("vendor-b", VENDOR_B)), FxRates.none());

        // 61.2 s on 60/60 bills 120 s: revenue 0.02 x 2, cost 0.012 x 2
        assertThat(rated.rated()).isTrue();
        assertThat(rated.vendor()).isEqualTo("vendor-b");
        assertThat(rated.customerLeg().billedS()).isEqualTo(120);
        assertThat(rated.customerLeg().amount()).isEqualByComparingTo("0.04");
        assertThat(rated.vendorLeg().amount()).isEqualByComparingTo("0.024");
        assertThat(rated.vendorLeg().prefix()).isEqualTo("4915");
        assertThat(rated.vendorLeg().deckVersion()).isEqualTo(3);
        assertThat(rated.margin()).isEqualByComparingTo("0.016");
    }

    @Test
    void unpricableCallsAreKeptWithTheirReason() {
        var decks = book(Map.of("acme", ACME), Map.of("vendor-b", VENDOR_B));

        assertThat(CdrRater.rate(answered("nobody", "4915112345678", "10"), decks, FxRates.none()).unratedReason())
                .isEqualTo("unknown_customer");
        assertThat(CdrRater.rate(answered("acme", "3312345", "10"), decks, FxRates.none()).unratedReason())
                .isEqualTo("customer:no_rate");
        assertThat(CdrRater.rate(answered("acme", "4930123", "10"), decks, FxRates.none()).unratedReason())
                .isEqualTo("vendor:no_rate");
        assertThat(CdrRater.rate(answered("acme", "4915112345678", "10"), book(Map.of("acme", ACME), Map.of()),
                FxRates.none()).unratedReason()).isEqualTo("unknown_vendor");
    }

    @Test
    void aCostInAnotherCurrencyNeedsARate() {
        var decks = book(Map.of("acme", ACME), Map.of("vendor-b", deck("vendor-b", USD, "4915", "0.0120")));
        Cdr cdr = answered("acme", "4915112345678", "60");

        assertThat(CdrRater.rate(cdr, decks, FxRates.none()).unratedReason()).isEqualTo("no_fx_rate");
        RatedCdr rated = CdrRater.rate(cdr, decks, FxRates.of(List.of(
                new FxRates.FxRate(USD, EUR, new BigDecimal("0.9"), SETUP.minusSeconds(86_400)))));
        assertThat(rated.fxRate()).isEqualByComparingTo("0.9");
        assertThat(rated.margin()).isEqualByComparingTo("0.0092");
    }

    @Test
    void aRefusedCallWithNoVendorIsRatedAtZero() {
        Cdr refused = new Cdr("r1", "acme", "4930111", "4915112345678", SETUP, null, SETUP.plusMillis(20),
                BigDecimal.ZERO, Disposition.REJECTED, 21, List.of());

        RatedCdr rated = CdrRater.rate(refused, book(Map.of("acme", ACME), Map.of()), FxRates.none());

        assertThat(rated.rated()).isTrue();
        assertThat(rated.vendorLeg()).isNull();
        assertThat(rated.margin()).isZero();
    }
}
