package io.tollgate.sim.traffic;

import io.tollgate.core.rating.Charge;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.Rater;
import io.tollgate.core.routing.LcrEngine;
import io.tollgate.core.routing.Route;
import io.tollgate.core.routing.RouteRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who owes what for a call, worked out from the decks and the test range's rules, independently of the routing
 * agent and the rating pipeline: the customer owes its deck's charge, we owe the vendor that should have carried
 * the call (the cheapest within the customer's rate that the test range lets answer) its deck's charge.
 */
public final class Pricing {
    /** What one answered call is worth on both sides; a side that cannot be priced is null. */
    public record Owed(String vendor, BigDecimal customerAmount, BigDecimal vendorAmount) {
        static final Owed NOTHING = new Owed(null, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private final Map<String, RateDeck> customerDecks;
    private final Map<String, RateDeck> vendorDecks;
    private final LcrEngine engine;
    /** Vendor ids in the order the test range numbers them (286V, 287V: 1 = the first). */
    private final List<String> simVendors;

    public Pricing(Map<String, RateDeck> customerDecks, Map<String, RateDeck> vendorDecks, List<String> simVendors) {
        this.customerDecks = Map.copyOf(customerDecks);
        this.vendorDecks = Map.copyOf(vendorDecks);
        this.engine = LcrEngine.of(vendorDecks);
        this.simVendors = List.copyOf(simVendors);
    }

    public Owed owed(String customer, String number, Instant start, BigDecimal durationS) {
        return owed(customer, number, start, durationS, null);
    }

    /**
     * What a call is worth when {@code carrier} carried it, whoever least-cost routing would have picked (a full
     * trunk sends calls on to the next vendor); null {@code carrier} means the one it would pick.
     */
    public Owed owed(String customer, String number, Instant start, BigDecimal durationS, String carrier) {
        if (durationS.signum() == 0) {
            return Owed.NOTHING;
        }
        RateDeck deck = customerDecks.get(customer);
        Charge revenue = deck == null ? null : Rater.rate(deck, number, start, durationS);
        if (revenue == null || !revenue.isRated()) {
            return new Owed(null, null, null);
        }
        String vendor = carrier != null ? carrier : carrier(number, start, revenue.row().rate());
        RateDeck vendorDeck = vendor == null ? null : vendorDecks.get(vendor);
        Charge cost = vendorDeck == null ? null : Rater.rate(vendorDeck, number, start, durationS);
        return new Owed(vendor, revenue.cost(), cost == null || !cost.isRated() ? null : cost.cost());
    }

    /** The vendor that answers: the first route the test range does not congest (286V congests V, 287V all but V). */
    private String carrier(String number, Instant at, BigDecimal customerRate) {
        for (Route route : engine.routes(RouteRequest.of(number, at).withMaxRate(customerRate))) {
            int v = simVendors.indexOf(route.vendor()) + 1;
            boolean congested = number.startsWith("286") && number.charAt(3) - '0' == v
                    || number.startsWith("287") && number.charAt(3) - '0' != v;
            if (!congested) {
                return route.vendor();
            }
        }
        return null;
    }
}
