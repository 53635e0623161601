package io.tollgate.jobs.fraud.features;

import io.tollgate.rules.CustomerWindow;
import io.tollgate.rules.DestinationWindow;
import io.tollgate.rules.RangeWindow;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Builds the facts of one observation from its tallies. A fact no call contributed to (a customer window with only
 * open calls) takes the customer's latest event as its first and last event time.
 */
final class Facts {
    private final String customer;
    private final Instant start;
    private final Instant end;
    private final Instant latest;
    private final int samples;

    Facts(String customer, Span span, Instant latest, int samples) {
        this.customer = customer;
        this.start = Instant.ofEpochMilli(span.startMs());
        this.end = Instant.ofEpochMilli(span.endMs());
        this.latest = latest;
        this.samples = samples;
    }

    CustomerWindow customer(Tally t, Baseline baseline, long concurrent, BigDecimal spend, String currency) {
        return new CustomerWindow(customer, start, end, t.calls, t.answered, t.endedCalls, t.shortCalls,
                t.callsLastMinute, baseline.callsPerMinute(), concurrent, baseline.concurrent(), baseline.minutes(),
                spend, currency, t.firstEventTime(latest), t.lastEventTime(latest), t.samples(samples));
    }

    DestinationWindow destination(String destination, Tally t, boolean highRisk, boolean isNew, long historyMinutes) {
        return new DestinationWindow(customer, destination, highRisk, isNew, historyMinutes, start, end, t.calls,
                t.answered, t.minutes(), t.ratedCalls, t.revenue, t.margin, t.firstEventTime(latest),
                t.lastEventTime(latest), t.samples(samples));
    }

    RangeWindow range(String range, Tally t) {
        return new RangeWindow(customer, range, start, end, t.calls, t.endedCalls, t.shortCalls,
                t.distinctNumbers(), t.longestRun(), t.firstEventTime(latest), t.lastEventTime(latest),
                t.samples(samples));
    }
}
