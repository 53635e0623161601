package io.tollgate.jobs.fraud.features;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.rules.Observation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One customer's traffic, as a keyed Flink function holds it: fed with the customer's call events and rated CDRs,
 * asked about once a second for the facts the rules read.
 *
 * <p>All times are event time: {@code now} is the latest event time the caller has seen, so recorded traffic replays
 * to the same facts. Events may come twice or out of order within a call; each call counts once (by call id).
 *
 * <p>State is bounded: per call, only calls in the window and open calls (see {@link CallEntry}: ~240 bytes on the
 * heap each, ~90 serialised); per customer, rings of {@code baseline + 2} minutes of call counts and concurrency
 * peaks (16 bytes a minute each, ~2 KB with the default hour) and {@code spendWindow + 2} minutes of spend (~3 KB),
 * and the destinations called in the familiarity window (~100 bytes each). A customer making 10 calls a second has
 * about 3,000 calls in a 5-minute window: some 0.8 MB on the heap, 0.3 MB serialised.
 */
public final class CustomerTraffic {
    private static final NumberNormalizer NUMBERS = NumberNormalizer.plain();

    private String customer;
    private long firstEventMs = CallEntry.NONE;
    private long lastEventMs = CallEntry.NONE;
    private RecentCalls calls = new RecentCalls();
    private MinuteCounts setups = new MinuteCounts();
    private Concurrency concurrency = new Concurrency();
    private Spend spend = new Spend();
    private Familiarity familiarity = new Familiarity();

    public CustomerTraffic() {
    }

    /** Takes one call event: SETUP opens a call, ANSWER answers it, END closes it; the others only mark activity. */
    public void onEvent(CallEvent event) {
        long ms = event.ts().toEpochMilli();
        seen(event.customer(), ms);
        switch (event.type()) {
            case SETUP, ATTEMPT, ANSWER, END -> apply(event, ms);
            default -> {
                // attempts, ringing and leg hangups do not change the customer's call
            }
        }
    }

    private void apply(CallEvent event, long ms) {
        CallEntry e = calls.entry(event.callId(), ms);
        if (e == null) {
            return;
        }
        number(e, event.bNumber());
        switch (event.type()) {
            case SETUP -> setup(e, ms);
            case ATTEMPT -> e.attempted();
            case ANSWER -> e.answer(ms);
            default -> end(e, ms);
        }
    }

    /** Takes a rated (or unrated) CDR: its revenue and margin, and its spend; a second CDR of a call is ignored. */
    public void onRated(RatedCdr rated) {
        Cdr cdr = rated.cdr();
        CallEntry e = calls.entry(cdr.callId(), cdr.end().toEpochMilli());
        if (e == null || e.billed()) {
            return;
        }
        seen(cdr.customer(), cdr.setup().toEpochMilli());
        seen(cdr.customer(), cdr.end().toEpochMilli());
        number(e, cdr.bNumber());
        if (!cdr.attempts().isEmpty()) {
            e.attempted();
        }
        setup(e, cdr.setup().toEpochMilli());
        if (cdr.answer() != null) {
            e.answer(cdr.answer().toEpochMilli());
        }
        end(e, cdr.end().toEpochMilli());
        bill(e, rated);
    }

    private void bill(CallEntry e, RatedCdr rated) {
        BigDecimal revenue = rated.customerLeg() == null ? null : rated.customerLeg().amount();
        String currency = rated.currency() != null ? rated.currency().getCurrencyCode()
                : rated.customerLeg() != null ? rated.customerLeg().currency().getCurrencyCode() : null;
        e.bill(rated.rated(), currency, revenue, rated.margin());
        if (revenue != null && currency != null) {
            spend.add(Minutes.of(e.endMs()), currency, revenue);
        }
    }

    private void setup(CallEntry e, long ms) {
        if (calls.setup(e, ms)) {
            setups.add(Minutes.of(ms), 1);
            concurrency.record(Minutes.of(ms), calls.open());
        }
    }

    private void end(CallEntry e, long ms) {
        if (calls.end(e, ms)) {
            concurrency.record(Minutes.of(ms), calls.open());
        }
    }

    private void seen(String id, long ms) {
        if (customer == null) {
            customer = id;
        }
        firstEventMs = firstEventMs == CallEntry.NONE ? ms : Math.min(firstEventMs, ms);
        lastEventMs = Math.max(lastEventMs, ms);
    }

    private static void number(CallEntry e, String dialled) {
        if (e.number() == null && dialled != null) {
            try {
                e.number(NUMBERS.normalize(dialled));
            } catch (InvalidNumberException ignored) {
                // still a call; it joins no destination and no range
            }
        }
    }

    /** The time of the latest event seen: the customer's "now" in event time; null before the first. */
    public Instant latestEventTime() {
        return lastEventMs == CallEntry.NONE ? null : Instant.ofEpochMilli(lastEventMs);
    }

    /**
     * The facts at {@code now}: one {@code CustomerWindow}, then a {@code DestinationWindow} per destination and a
     * {@code RangeWindow} per number range a call of the window went to (set up or ended in it), in key order. Then
     * prunes what no later window needs. Empty until the first event.
     */
    public List<Observation> observe(Instant now, FeatureSettings settings) {
        if (customer == null) {
            return List.of();
        }
        long nowMs = now.toEpochMilli();
        long startMs = nowMs - settings.window().toMillis();
        long forgetMs = nowMs - FeatureSettings.MAX_CALL.toMillis();
        fit(settings);
        calls.forget(forgetMs).forEach(e -> remember(e, Where.of(e.number(), settings), startMs));
        concurrency.record(Minutes.of(nowMs), calls.open());
        Grouping groups = new Grouping(new Span(startMs, nowMs, settings.shortCall().toMillis(), spend.currency()));
        for (CallEntry e : calls.entries()) {
            Where where = Where.of(e.number(), settings);
            remember(e, where, startMs);
            groups.add(e, where);
        }
        List<Observation> facts = facts(groups, now, settings);
        calls.prune(startMs, forgetMs);
        familiarity.prune(startMs - settings.familiarity().toMillis());
        return facts;
    }

    private void fit(FeatureSettings settings) {
        setups.ensureCapacity(settings.baselineMinutes() + 2);
        concurrency.ensureCapacity(settings.baselineMinutes() + 2);
        spend.ensureCapacity(settings.spendMinutes() + 2);
    }

    /** A call set up before the window makes its destination familiar. */
    private void remember(CallEntry e, Where where, long startMs) {
        if (where != null && e.hasSetup() && e.setupMs() <= startMs) {
            familiarity.saw(where.destination(), e.setupMs());
        }
    }

    private List<Observation> facts(Grouping groups, Instant now, FeatureSettings settings) {
        Facts facts = new Facts(customer, groups.span, Instant.ofEpochMilli(lastEventMs), settings.samples());
        List<Observation> out = new ArrayList<>();
        out.add(facts.customer(groups.customer, baseline(now, settings), calls.open(),
                spend.last(Minutes.of(now.toEpochMilli()), settings.spendMinutes()), spend.currency()));
        long historyMinutes = Math.max(0, (now.toEpochMilli() - firstEventMs) / Minutes.MS);
        long familiarSince = groups.span.startMs() - settings.familiarity().toMillis();
        groups.destinations.forEach((destination, tally) -> out.add(facts.destination(destination, tally,
                groups.highRisk.contains(destination), !familiarity.knows(destination, familiarSince),
                historyMinutes)));
        groups.ranges.forEach((range, tally) -> out.add(facts.range(range, tally)));
        return out;
    }

    /**
     * The baseline: the whole minutes of the trailing baseline before the minute that holds {@code now - 1 min}
     * (so none overlaps the last minute), from the minute of the customer's first event on.
     */
    private Baseline baseline(Instant now, FeatureSettings settings) {
        long to = Minutes.of(now.toEpochMilli()) - 1;
        long from = Math.max(to - settings.baselineMinutes(), Minutes.of(firstEventMs));
        long minutes = Math.max(0, to - from);
        if (minutes == 0) {
            return new Baseline(0, 0, 0);
        }
        return new Baseline((double) setups.sum(from, to) / minutes,
                (double) concurrency.sumOfPeaks(from, to) / minutes, minutes);
    }

    /** The calls held (window and open), for tests and metrics. */
    int heldCalls() {
        return calls.size();
    }

    int openCalls() {
        return calls.open();
    }

    int familiarDestinations() {
        return familiarity.size();
    }
}
