package io.tollgate.core.routing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to route: a number (E.164 digits) at a time, with the constraints that apply.
 *
 * @param maxRate   margin protection: vendors costlier than this are left out (the customer's rate, or a
 *                  trader's cap); null = no cap
 * @param allowLoss when true, {@code maxRate} does not leave vendors out (a loss route the policy accepts)
 * @param limit     at most this many routes; 0 = all
 */
public record RouteRequest(String number, Instant at, List<Block> blocks, BigDecimal maxRate, boolean allowLoss,
                           int limit) {

    public RouteRequest {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(at, "at");
        blocks = List.copyOf(blocks);
        if (limit < 0) {
            throw new IllegalArgumentException("limit cannot be negative: " + limit);
        }
    }

    /** Every vendor that has a rate, cheapest first. */
    public static RouteRequest of(String number, Instant at) {
        return new RouteRequest(number, at, List.of(), null, false, 0);
    }

    public RouteRequest withMaxRate(BigDecimal rate) {
        return new RouteRequest(number, at, blocks, rate, allowLoss, limit);
    }

    public RouteRequest withLimit(int routes) {
        return new RouteRequest(number, at, blocks, maxRate, allowLoss, routes);
    }

    public RouteRequest withBlocks(List<Block> newBlocks) {
        return new RouteRequest(number, at, newBlocks, maxRate, allowLoss, limit);
    }

    public RouteRequest allowingLoss() {
        return new RouteRequest(number, at, blocks, maxRate, true, limit);
    }

    boolean blocked(String vendor) {
        for (Block b : blocks) {
            if (b.stops(vendor, number)) {
                return true;
            }
        }
        return false;
    }
}
