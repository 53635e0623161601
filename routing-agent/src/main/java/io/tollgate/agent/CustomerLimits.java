package io.tollgate.agent;

import java.math.BigDecimal;

/**
 * What one customer may use on this agent at once. {@code credit} is the money the customer may still spend;
 * it bounds each call's length at the customer's rate.
 */
public record CustomerLimits(int concurrentCalls, int cps, BigDecimal credit) {
}
