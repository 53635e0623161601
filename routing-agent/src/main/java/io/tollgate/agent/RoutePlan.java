package io.tollgate.agent;

import io.tollgate.core.routing.Route;

import java.math.BigDecimal;
import java.util.List;

/**
 * The vendors to try for one call, in order, and the customer's rate for it (the margin cap and what bounds the
 * call's length by credit).
 */
public record RoutePlan(String number, BigDecimal customerRate, List<Route> routes) {
    public RoutePlan {
        routes = List.copyOf(routes);
    }
}
