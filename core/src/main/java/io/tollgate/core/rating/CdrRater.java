package io.tollgate.core.rating;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.money.FxRates;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices a CDR on both sides with the {@link Rater}: the customer's deck gives the revenue, the deck of the vendor
 * that carried the call gives the cost. What cannot be priced is said, never priced at zero: the reasons are
 * {@code unknown_customer}, {@code unknown_vendor}, {@code customer:no_rate}, {@code customer:bad_number},
 * {@code vendor:no_rate}, {@code vendor:bad_number} and {@code no_fx_rate}.
 */
public final class CdrRater {

    /** A deck version as rating uses it: which one it is, its currency and its rows. */
    public record PricedDeck(String deckId, int version, Currency currency, RateDeck deck) {
        public PricedDeck {
            Objects.requireNonNull(deckId, "deckId is required");
            Objects.requireNonNull(currency, "currency is required");
            Objects.requireNonNull(deck, "deck is required");
        }
    }

    /** Finds the deck in force for a party at a time; null when the party has none. */
    public interface DeckBook {
        PricedDeck customerDeck(String customer, Instant at);

        PricedDeck vendorDeck(String vendor, Instant at);
    }

    private CdrRater() {
    }

    /** The vendor whose deck prices the cost: the one that answered, else the last one tried, else none. */
    public static String costVendor(Cdr cdr) {
        Optional<CallAttempt> answered = cdr.answeredAttempt();
        if (answered.isPresent()) {
            return answered.get().vendor();
        }
        List<CallAttempt> attempts = cdr.attempts();
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1).vendor();
    }

    public static RatedCdr rate(Cdr cdr, DeckBook decks, FxRates fx) {
        String vendor = costVendor(cdr);
        PricedDeck customerDeck = cdr.customer() == null ? null : decks.customerDeck(cdr.customer(), cdr.setup());
        PricedDeck vendorDeck = vendor == null ? null : decks.vendorDeck(vendor, cdr.setup());
        if (customerDeck == null) {
            return RatedCdr.unrated(cdr, vendor, null, null, null, "unknown_customer");
        }
        Currency currency = customerDeck.currency();
        Charge revenue = charge(cdr, customerDeck);
        if (!revenue.isRated()) {
            return RatedCdr.unrated(cdr, vendor, null, null, currency, "customer:" + revenue.reason().code());
        }
        RatedLeg revenueLeg = leg(customerDeck, revenue);
        if (vendor == null) {
            return RatedCdr.rated(cdr, null, revenueLeg, null, BigDecimal.ONE);
        }
        if (vendorDeck == null) {
            return RatedCdr.unrated(cdr, vendor, revenueLeg, null, currency, "unknown_vendor");
        }
        Charge cost = charge(cdr, vendorDeck);
        if (!cost.isRated()) {
            return RatedCdr.unrated(cdr, vendor, revenueLeg, null, currency, "vendor:" + cost.reason().code());
        }
        RatedLeg costLeg = leg(vendorDeck, cost);
        Optional<BigDecimal> fxRate = fx.rate(vendorDeck.currency(), currency, cdr.setup());
        if (fxRate.isEmpty()) {
            return RatedCdr.unrated(cdr, vendor, revenueLeg, costLeg, currency, "no_fx_rate");
        }
        return RatedCdr.rated(cdr, vendor, revenueLeg, costLeg, fxRate.get());
    }

    /** One leg's charge with {@code deck}; also what {@link Rerating} re-prices a stored leg with. */
    static Charge charge(Cdr cdr, PricedDeck deck) {
        if (cdr.bNumber() == null || cdr.bNumber().isEmpty()) {
            return Charge.unrated(Charge.Unrated.BAD_NUMBER);
        }
        return Rater.rate(deck.deck(), cdr.bNumber(), cdr.setup(), cdr.durationS());
    }

    static RatedLeg leg(PricedDeck deck, Charge charge) {
        return new RatedLeg(deck.deckId(), deck.version(), deck.currency(), charge.row().prefix(), charge.row().rate(),
                charge.billedSeconds(), charge.cost());
    }
}
