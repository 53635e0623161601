package io.tollgate.core.routing;

import io.tollgate.core.rating.RateRow;

import java.math.BigDecimal;

/** One candidate of a route plan: a vendor and the deck row that prices the call there. */
public record Route(String vendor, RateRow row) {

    public BigDecimal rate() {
        return row.rate();
    }

    public String prefix() {
        return row.prefix();
    }
}
