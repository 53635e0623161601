package io.tollgate.core.rating;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.money.FxRates;
import io.tollgate.core.rating.CdrRater.PricedDeck;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReratingTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Instant SETUP = Instant.parse("2026-11-26T10:00:00Z");
    private static final PricedDeck ACME = deck("customer-acme", 1, EUR, "49", "0.0200");
    private static final PricedDeck ACME_NEW = deck("customer-acme", 2, EUR, "49", "0.0300");
    private static final PricedDeck VENDOR_B = deck("vendor-b", 4, EUR, "4915", "0.0120");
    private static final PricedDeck VENDOR_B_NEW = deck("vendor-b", 5, EUR, "4915", "0.0100");
    private static final FxRates USD_EUR = FxRates.of(List.of(
            new FxRates.FxRate(USD, EUR, new BigDecimal("0.92"), Instant.EPOCH)));

    private static PricedDeck deck(String id, int version, Currency currency, String prefix, String rate) {
        return new PricedDeck(id, version, currency, RateDeck.of(List.of(RateRow.simple(prefix, rate))));
    }

    private static CdrRater.DeckBook book(PricedDeck customer, PricedDeck vendor) {
        return new CdrRater.DeckBook() {
            @Override
            public PricedDeck customerDeck(String id, Instant at) {
                return Map.of("acme", customer).get(id);
            }

            @Override
            public PricedDeck vendorDeck(String id, Instant at) {
                return vendor == null ? null : Map.of("vendor-b", vendor).get(id);
            }
        };
    }

    /** 61.2 s answered on vendor-b: 60/60 bills 120 s. */
    private static Cdr answered(String bNumber) {
        return new Cdr("c1", "acme", "4930111", bNumber, SETUP, SETUP.plusSeconds(3),
                SETUP.plusSeconds(3).plusMillis(61_200), new BigDecimal("61.2"), Disposition.ANSWERED, 16,
                List.of(new CallAttempt("vendor-a", "c1-v1", 34, null, false),
                        new CallAttempt("vendor-b", "c1-v2", 16, 900L, true)));
    }

    private static RatedCdr stored(Cdr cdr, PricedDeck customer, PricedDeck vendor, FxRates fx) {
        return CdrRater.rate(cdr, book(customer, vendor), fx);
    }

    @Test
    void theCustomerSideIsRepricedAndTheCostKeptAsStored() {
        RatedCdr stored = stored(answered("4915112345678"), ACME, VENDOR_B, FxRates.none());

        RatedCdr rerated = Rerating.reprice(stored, Party.CUSTOMER, ACME_NEW, FxRates.none());

        assertThat(rerated.rated()).isTrue();
        assertThat(rerated.customerLeg().deckVersion()).isEqualTo(2);
        assertThat(rerated.customerLeg().amount()).isEqualByComparingTo("0.06");
        assertThat(rerated.vendorLeg()).isSameAs(stored.vendorLeg());
        assertThat(rerated.margin()).isEqualByComparingTo("0.036");
        assertThat(rerated.cdr()).isSameAs(stored.cdr());
    }

    @Test
    void theVendorSideIsRepricedAndTheRevenueKeptAsStored() {
        RatedCdr stored = stored(answered("4915112345678"), ACME, VENDOR_B, FxRates.none());

        RatedCdr rerated = Rerating.reprice(stored, Party.VENDOR, VENDOR_B_NEW, FxRates.none());

        assertThat(rerated.customerLeg()).isSameAs(stored.customerLeg());
        assertThat(rerated.vendorLeg().deckVersion()).isEqualTo(5);
        assertThat(rerated.vendorLeg().amount()).isEqualByComparingTo("0.02");
        assertThat(rerated.margin()).isEqualByComparingTo("0.02");
        assertThat(rerated.vendor()).isEqualTo("vendor-b");
    }

    @Test
    void repricingASideGivesWhatRatingWithThatDeckGives() {
        for (String number : List.of("4915112345678", "4930123", "3312345", "")) {
            RatedCdr stored = stored(answered(number), ACME, VENDOR_B, FxRates.none());

            assertThat(Rerating.reprice(stored, Party.CUSTOMER, ACME_NEW, FxRates.none())).as(number)
                    .isEqualTo(stored(answered(number), ACME_NEW, VENDOR_B, FxRates.none()));
            assertThat(Rerating.reprice(stored, Party.VENDOR, VENDOR_B_NEW, FxRates.none())).as(number)
                    .isEqualTo(stored(answered(number), ACME, VENDOR_B_NEW, FxRates.none()));
        }
    }

    @Test
    void theStoredExchangeRateConvertsTheKeptCost() {
        PricedDeck vendorUsd = deck("vendor-b", 4, USD, "4915", "0.0123");
        RatedCdr stored = stored(answered("4915112345678"), ACME, vendorUsd, USD_EUR);

        RatedCdr rerated = Rerating.reprice(stored, Party.CUSTOMER, ACME_NEW, FxRates.none());

        // cost 0.0246 USD x 0.92 = 0.022632 EUR
        assertThat(rerated.fxRate()).isEqualByComparingTo("0.92");
        assertThat(rerated.margin()).isEqualByComparingTo("0.037368");
        PricedDeck vendorUsdNew = deck("vendor-b", 5, USD, "4915", "0.0100");
        assertThat(Rerating.reprice(stored, Party.VENDOR, vendorUsdNew, FxRates.none()).margin())
                .isEqualByComparingTo(new BigDecimal("0.04").subtract(new BigDecimal("0.0184")));
    }

    @Test
    void aNewPairOfCurrenciesTakesTheDatedRateAtSetupOrHasNone() {
        RatedCdr stored = stored(answered("4915112345678"), ACME, VENDOR_B, FxRates.none());
        PricedDeck inPounds = deck("vendor-b", 5, GBP, "4915", "0.0100");
        FxRates gbpEur = FxRates.of(List.of(new FxRates.FxRate(GBP, EUR, new BigDecimal("1.15"), Instant.EPOCH),
                new FxRates.FxRate(GBP, EUR, new BigDecimal("1.20"), SETUP.plusSeconds(1))));

        RatedCdr noRate = Rerating.reprice(stored, Party.VENDOR, inPounds, FxRates.none());
        RatedCdr dated = Rerating.reprice(stored, Party.VENDOR, inPounds, gbpEur);

        assertThat(noRate.unratedReason()).isEqualTo("no_fx_rate");
        assertThat(noRate.margin()).isNull();
        assertThat(noRate.vendorLeg().currency()).isEqualTo(GBP);
        assertThat(noRate.customerLeg()).isSameAs(stored.customerLeg());
        // 0.02 GBP x 1.15 (the rate at setup, not the later 1.20)
        assertThat(dated.fxRate()).isEqualByComparingTo("1.15");
        assertThat(dated.margin()).isEqualByComparingTo("0.017");
    }

    @Test
    void theStoredRateWinsOverTheDatedOnesForThePairItWasStoredWith() {
        PricedDeck vendorUsd = deck("vendor-b", 4, USD, "4915", "0.0123");
        RatedCdr stored = stored(answered("4915112345678"), ACME, vendorUsd, USD_EUR);
        FxRates later = FxRates.of(List.of(new FxRates.FxRate(USD, EUR, new BigDecimal("0.5"), Instant.EPOCH)));

        assertThat(Rerating.reprice(stored, Party.CUSTOMER, ACME_NEW, later).fxRate()).isEqualByComparingTo("0.92");
    }

    @Test
    void aNewDeckWithoutTheDestinationLeavesTheCallUnratedWithTheOtherLegKept() {
        RatedCdr stored = stored(answered("4915112345678"), ACME, VENDOR_B, FxRates.none());

        RatedCdr customer = Rerating.reprice(stored, Party.CUSTOMER, deck("customer-acme", 2, EUR, "33", "0.01"),
                FxRates.none());
        RatedCdr vendor = Rerating.reprice(stored, Party.VENDOR, deck("vendor-b", 5, EUR, "33", "0.01"),
                FxRates.none());

        assertThat(customer.unratedReason()).isEqualTo("customer:no_rate");
        assertThat(customer.customerLeg()).isNull();
        assertThat(customer.vendorLeg()).isSameAs(stored.vendorLeg());
        assertThat(vendor.unratedReason()).isEqualTo("vendor:no_rate");
        assertThat(vendor.customerLeg()).isSameAs(stored.customerLeg());
        assertThat(vendor.vendorLeg()).isNull();
    }

    @Test
    void theKeptSideStaysUnratedForItsStoredReason() {
        RatedCdr noVendorRate = stored(answered("4930123"), ACME, VENDOR_B, FxRates.none());
        RatedCdr unknownVendor = stored(answered("4915112345678"), ACME, null, FxRates.none());
        RatedCdr noCustomerRate = stored(answered("4915112345678"), deck("customer-acme", 1, EUR, "33", "0.01"),
                VENDOR_B, FxRates.none());

        assertThat(Rerating.reprice(noVendorRate, Party.CUSTOMER, ACME_NEW, FxRates.none()).unratedReason())
                .isEqualTo("vendor:no_rate");
        assertThat(Rerating.reprice(unknownVendor, Party.CUSTOMER, ACME_NEW, FxRates.none()).unratedReason())
                .isEqualTo("unknown_vendor");
        // the stored rating stopped at the customer side: there is no cost to keep
        RatedCdr revenueOnly = Rerating.reprice(noCustomerRate, Party.CUSTOMER, ACME_NEW, FxRates.none());
        assertThat(revenueOnly.unratedReason()).isEqualTo(Rerating.COST_NOT_PRICED);
        assertThat(revenueOnly.customerLeg().amount()).isEqualByComparingTo("0.06");
        RatedCdr costOnly = Rerating.reprice(noCustomerRate, Party.VENDOR, VENDOR_B_NEW, FxRates.none());
        assertThat(costOnly.unratedReason()).isEqualTo("customer:no_rate");
        assertThat(costOnly.vendorLeg().amount()).isEqualByComparingTo("0.02");
    }

    @Test
    void aNewDeckCanPriceWhatTheOldOneCouldNot() {
        RatedCdr noVendorRate = stored(answered("4930123"), ACME, VENDOR_B, FxRates.none());

        RatedCdr rerated = Rerating.reprice(noVendorRate, Party.VENDOR, deck("vendor-b", 5, EUR, "49", "0.01"),
                FxRates.none());

        assertThat(noVendorRate.rated()).isFalse();
        assertThat(rerated.rated()).isTrue();
        assertThat(rerated.margin()).isEqualByComparingTo("0.02");
    }

    @Test
    void aCallNoVendorCarriedHasNoCostToReprice() {
        Cdr rejected = new Cdr("c2", "acme", "4930111", "4915112345678", SETUP, null, SETUP.plusSeconds(1),
                BigDecimal.ZERO, Disposition.REJECTED, 21, List.of());
        RatedCdr stored = stored(rejected, ACME, VENDOR_B, FxRates.none());

        RatedCdr rerated = Rerating.reprice(stored, Party.CUSTOMER, ACME_NEW, FxRates.none());

        assertThat(rerated.rated()).isTrue();
        assertThat(rerated.customerLeg().amount()).isEqualByComparingTo("0");
        assertThat(rerated.vendorLeg()).isNull();
        assertThatThrownBy(() -> Rerating.reprice(stored, Party.VENDOR, VENDOR_B_NEW, FxRates.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c2");
    }
}
