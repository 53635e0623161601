package io.tollgate.core.rating;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.money.FxRates;
import io.tollgate.core.rating.CdrRater.PricedDeck;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-prices one side of a stored rated CDR with another deck version, keeping the other side as it was stored: a
 * customer's new deck changes the revenue leg of the customer's calls, a vendor's new deck the cost leg of the calls
 * the vendor carried. The leg is priced as {@link CdrRater} prices it, and the margin is derived again from the two
 * legs ({@link RatedCdr#marginOf}) with the stored exchange rate where it holds (the stored row was rated with the
 * same pair of currencies), else with the dated rate of {@code fx} at the call's setup, as {@link CdrRater} takes it.
 *
 * <p>What cannot be priced stays unrated, with the reason {@link CdrRater} would give, in its order (customer side
 * first): the new deck's {@code customer:no_rate} or {@code vendor:no_rate} ({@code :bad_number}); the stored
 * reason of the side kept ({@code unknown_customer}, {@code customer:*}, {@code unknown_vendor}, {@code vendor:*});
 * {@value #COST_NOT_PRICED} when the stored rating stopped at the customer side and so never priced the cost; and
 * {@code no_fx_rate} when the legs are in two currencies and neither the stored row nor {@code fx} has a rate.
 */
public final class Rerating {
    /** The stored rating never priced the cost side (it stopped at the customer side), so there is no cost to keep. */
    public static final String COST_NOT_PRICED = "vendor:not_priced";
    static final String NO_FX_RATE = "no_fx_rate";

    private Rerating() {
    }

    /** {@code stored} with its {@code side} leg priced by {@code deck} and the other leg as stored. */
    public static RatedCdr reprice(RatedCdr stored, Party side, PricedDeck deck, FxRates fx) {
        Objects.requireNonNull(stored, "stored is required");
        Objects.requireNonNull(deck, "deck is required");
        Objects.requireNonNull(fx, "fx is required");
        return side == Party.CUSTOMER ? revenue(stored, deck, fx) : cost(stored, deck, fx);
    }

    private static RatedCdr revenue(RatedCdr stored, PricedDeck deck, FxRates fx) {
        Cdr cdr = stored.cdr();
        String vendor = stored.vendor();
        Currency currency = deck.currency();
        Charge revenue = CdrRater.charge(cdr, deck);
        if (!revenue.isRated()) {
            return RatedCdr.unrated(cdr, vendor, null, stored.vendorLeg(), currency,
                    "customer:" + revenue.reason().code());
        }
        RatedLeg revenueLeg = CdrRater.leg(deck, revenue);
        if (vendor == null) {
            return RatedCdr.rated(cdr, null, revenueLeg, null, BigDecimal.ONE);
        }
        RatedLeg costLeg = stored.vendorLeg();
        if (costLeg == null) {
            return RatedCdr.unrated(cdr, vendor, revenueLeg, null, currency, costReason(stored));
        }
        return withFx(stored, revenueLeg, costLeg, currency, fx);
    }

    private static RatedCdr cost(RatedCdr stored, PricedDeck deck, FxRates fx) {
        Cdr cdr = stored.cdr();
        String vendor = stored.vendor();
        if (vendor == null) {
            throw new IllegalArgumentException("call " + cdr.callId() + " has no vendor whose cost could be re-priced");
        }
        Currency currency = stored.currency();
        RatedLeg revenueLeg = stored.customerLeg();
        Charge cost = CdrRater.charge(cdr, deck);
        RatedLeg costLeg = cost.isRated() ? CdrRater.leg(deck, cost) : null;
        if (revenueLeg == null) {
            // only a customer-side reason leaves no revenue leg: it still comes first, as in CdrRater
            return RatedCdr.unrated(cdr, vendor, null, costLeg, currency, stored.unratedReason());
        }
        if (costLeg == null) {
            return RatedCdr.unrated(cdr, vendor, revenueLeg, null, currency, "vendor:" + cost.reason().code());
        }
        return withFx(stored, revenueLeg, costLeg, revenueLeg.currency(), fx);
    }

    /** Why the stored row has no cost leg: its own vendor-side reason, else that the cost was never priced. */
    private static String costReason(RatedCdr stored) {
        String reason = stored.unratedReason();
        boolean vendorSide = reason != null && (reason.equals("unknown_vendor") || reason.startsWith("vendor:"));
        return vendorSide ? reason : COST_NOT_PRICED;
    }

    /**
     * The two legs with their margin: one currency needs no rate; two take the stored row's rate when it was stored
     * for the same pair of currencies, else the dated rate at setup.
     */
    private static RatedCdr withFx(RatedCdr stored, RatedLeg revenueLeg, RatedLeg costLeg, Currency currency,
            FxRates fx) {
        Cdr cdr = stored.cdr();
        boolean samePair = stored.fxRate() != null && currency.equals(stored.currency())
                && stored.vendorLeg() != null && costLeg.currency().equals(stored.vendorLeg().currency());
        Optional<BigDecimal> rate = samePair ? Optional.of(stored.fxRate())
                : fx.rate(costLeg.currency(), currency, cdr.setup());
        if (rate.isEmpty()) {
            return RatedCdr.unrated(cdr, stored.vendor(), revenueLeg, costLeg, currency, NO_FX_RATE);
        }
        return RatedCdr.rated(cdr, stored.vendor(), revenueLeg, costLeg, rate.get());
    }
}
