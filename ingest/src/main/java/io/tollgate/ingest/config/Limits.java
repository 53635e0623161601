package io.tollgate.ingest.config;

import java.math.BigDecimal;

/**
 * What a customer may use at once; the routing agent refuses calls beyond it.
 *
 * @param concurrentCalls calls up at the same time
 * @param cps             new calls per second
 * @param credit          unpaid charges allowed, in the customer's currency, exact
 */
public record Limits(int concurrentCalls, int cps, BigDecimal credit) {
}
