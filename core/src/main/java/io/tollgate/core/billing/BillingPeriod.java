package io.tollgate.core.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Calendar days an invoice covers, both inclusive, read in the customer's time zone: a call belongs to the period
 * when it started at or after {@link #start} and before {@link #end}.
 */
public record BillingPeriod(LocalDate first, LocalDate last) {

    public BillingPeriod {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a period ends on or after it starts: " + first + ".." + last);
        }
    }

    public Instant start(ZoneId zone) {
        return first.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period: midnight after its last day, in {@code zone}. */
    public Instant end(ZoneId zone) {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Whether the period is over at {@code now} in {@code zone}, so that it may be invoiced. */
    public boolean endedBy(Instant now, ZoneId zone) {
        return !end(zone).isAfter(now);
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
