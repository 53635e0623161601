package io.tollgate.agent;

import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateRow;
import io.tollgate.core.routing.Route;
import io.tollgate.core.routing.RouteRequest;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Plans a customer's call: least-cost routes from the vendors' decks at the call's time, without what the
 * instructions block, no dearer than the customer pays (margin protection), steered by vendor priorities, and
 * cut to the route limit.
 */
public final class RoutePlanner {
    private final Decks decks;
    private final InstructionBook book;
    private final int routeLimit;
    private final RandomGenerator random;

    public RoutePlanner(Decks decks, InstructionBook book, int routeLimit, RandomGenerator random) {
        this.decks = decks;
        this.book = book;
        this.routeLimit = routeLimit;
        this.random = random;
    }

    /** The plan, or null when the customer has no rate for the number (the call cannot be billed). */
    public RoutePlan plan(String customer, String number, Instant at) {
        RateDeck deck = decks.customer(customer);
        RateRow rate = deck == null ? null : deck.find(number, at);
        if (rate == null) {
            return null;
        }
        RouteRequest request = RouteRequest.of(number, at)
                .withBlocks(book.routingBlocks(customer))
                .withMaxRate(rate.rate());
        List<Route> routes = new VendorPreferences(book.priorities(), random)
                .order(decks.engine().routes(request), number);
        return new RoutePlan(number, rate.rate(),
                routeLimit > 0 && routes.size() > routeLimit ? routes.subList(0, routeLimit) : routes);
    }
}
