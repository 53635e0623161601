package io.tollgate.jobs.fraud.features;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the calls of one group (the customer, a destination, a number range) add up to over a {@link Span}; built
 * afresh for each observation, never stored. A call contributes when it was set up or ended in the window.
 */
final class Tally {
    private static final Comparator<CallEntry> EARLIEST =
            Comparator.comparingLong(CallEntry::setupMs).thenComparing(CallEntry::callId);

    private final List<CallEntry> members = new ArrayList<>();
    private final Set<String> numbers = new HashSet<>();
    long calls;
    long answered;
    long callsLastMinute;
    long endedCalls;
    long shortCalls;
    long talkMs;
    long ratedCalls;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal margin = BigDecimal.ZERO;

    /** Counts {@code e} if it contributes to {@code span}; true if it did. */
    boolean add(CallEntry e, Span span) {
        boolean setUp = e.hasSetup() && span.contains(e.setupMs());
        boolean ended = e.hasSetup() && e.ended() && e.reachedNetwork() && span.contains(e.endMs());
        if (!setUp && !ended) {
            return false;
        }
        members.add(e);
        if (setUp) {
            countSetup(e, span);
        }
        if (ended) {
            countEnd(e, span);
        }
        countBill(e, span.currency());
        return true;
    }

    private void countSetup(CallEntry e, Span span) {
        calls++;
        answered += e.answered() ? 1 : 0;
        callsLastMinute += span.inLastMinute(e.setupMs()) ? 1 : 0;
        if (e.number() != null) {
            numbers.add(e.number());
        }
    }

    private void countEnd(CallEntry e, Span span) {
        endedCalls++;
        shortCalls += e.isShort(span.shortMs()) ? 1 : 0;
        talkMs += e.talkMs();
    }

    private void countBill(CallEntry e, String currency) {
        if (!e.billed() || currency == null || !currency.equals(e.currency())) {
            return;
        }
        ratedCalls += e.rated() ? 1 : 0;
        revenue = e.revenue() == null ? revenue : revenue.add(e.revenue());
        margin = e.margin() == null ? margin : margin.add(e.margin());
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    long distinctNumbers() {
        return numbers.size();
    }

    /** The longest run of consecutive numbers called; E.164 numbers (at most 15 digits) fit a long. */
    long longestRun() {
        long[] sorted = numbers.stream().mapToLong(Long::parseLong).sorted().toArray();
        long longest = 0;
        long run = 0;
        for (int i = 0; i < sorted.length; i++) {
            run = i > 0 && sorted[i] == sorted[i - 1] + 1 ? run + 1 : 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** The earliest event of a contributing call, or {@code fallback} when none contributed. */
    Instant firstEventTime(Instant fallback) {
        return members.stream().mapToLong(CallEntry::firstMs).min().stream()
                .mapToObj(Instant::ofEpochMilli).findFirst().orElse(fallback);
    }

    Instant lastEventTime(Instant fallback) {
        return members.stream().mapToLong(CallEntry::lastMs).max().stream()
                .mapToObj(Instant::ofEpochMilli).findFirst().orElse(fallback);
    }

    /** The ids of the earliest {@code n} calls by setup (then id). */
    List<String> samples(int n) {
        return members.stream().sorted(EARLIEST).limit(n).map(CallEntry::callId).toList();
    }

    /** Talk time in minutes, to 2 decimals. */
    BigDecimal minutes() {
        return BigDecimal.valueOf(talkMs).divide(BigDecimal.valueOf(Minutes.MS), 2, java.math.RoundingMode.HALF_UP);
    }
}
