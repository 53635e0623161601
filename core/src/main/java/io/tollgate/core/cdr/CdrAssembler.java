package io.tollgate.core.cdr;

import io.tollgate.core.cdr.CallEvent.Type;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds one CDR from the events of one call, whatever order they arrived in and however often. Events are taken
 * in sequence order, one per sequence number; gaps in the sequence, a missing SETUP or a swept END flag the CDR
 * instead of refusing it, since a partial record is still money owed.
 *
 * <p>The talk time runs from the answer to the first hangup of either bridged leg: the teardown after it is not
 * the customer's to pay for.
 */
public final class CdrAssembler {
    /**
     * The sequence number of an END the agent's orphan sweeper writes for a call whose state a restart lost: above
     * any real sequence number, so it orders last.
     */
    public static final long SWEPT_SEQ = 1_000_000;

    private CdrAssembler() {
    }

    /**
     * @param events every event seen for one call id
     * @param timedOut the END never came: the call is closed at its last event
     */
    public static Cdr assemble(Collection<CallEvent> events, boolean timedOut) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a CDR needs at least one event");
        }
        TreeMap<Long, CallEvent> bySeq = new TreeMap<>();
        for (CallEvent e : events) {
            bySeq.putIfAbsent(e.seq(), e);
        }
        return new Build(bySeq, timedOut).cdr();
    }

    /** Whether the events are all there: an END and every sequence number before it. */
    public static boolean complete(Collection<CallEvent> events) {
        CallEvent end = events.stream().filter(e -> e.type() == Type.END).findFirst().orElse(null);
        if (end == null) {
            return false;
        }
        return end.seq() == SWEPT_SEQ || events.stream().map(CallEvent::seq).filter(s -> s < end.seq())
                .distinct().count() == end.seq();
    }

    /** One pass over the events in sequence order. */
    private static final class Build {
        private final TreeMap<Long, CallEvent> bySeq;
        private final Set<CdrFlag> flags = EnumSet.noneOf(CdrFlag.class);
        private final Map<String, Attempt> attempts = new LinkedHashMap<>();
        private String callId;
        private String customer;
        private String aNumber;
        private String bNumber;
        private Instant setup;
        private Instant answer;
        private String answeredLeg;
        private Instant talkEnd;
        private Instant customerHangup;
        private Instant end;
        private Integer cause;

        Build(TreeMap<Long, CallEvent> bySeq, boolean timedOut) {
            this.bySeq = bySeq;
            if (timedOut) {
                flags.add(CdrFlag.TIMED_OUT);
            }
        }

        Cdr cdr() {
            for (CallEvent e : bySeq.values()) {
                take(e);
            }
            checkSequence();
            Instant last = bySeq.values().stream().map(CallEvent::ts).max(Comparator.naturalOrder()).orElseThrow();
            if (setup == null) {
                setup = bySeq.values().stream().map(CallEvent::ts).min(Comparator.naturalOrder()).orElseThrow();
            }
            // an answered call ends for its customer when the talk ends; the teardown after it is ours
            Instant billedEnd = answer == null ? null : (talkEnd != null ? talkEnd : end != null ? end : last);
            end = billedEnd != null ? billedEnd : end != null ? end : last;
            if (end.isBefore(setup)) {
                end = setup;
            }
            BigDecimal duration = answer == null ? BigDecimal.ZERO
                    : BigDecimal.valueOf(Math.max(0, Duration.between(answer, billedEnd).toMillis())).movePointLeft(3);
            return new Cdr(callId, customer, aNumber, bNumber, setup, answer, end, duration, disposition(), cause,
                    attemptList(), flags);
        }

        private void take(CallEvent e) {
            callId = e.callId();
            customer = customer != null ? customer : e.customer();
            aNumber = aNumber != null ? aNumber : e.aNumber();
            bNumber = bNumber != null ? bNumber : e.bNumber();
            switch (e.type()) {
                case SETUP -> setup = e.ts();
                case ATTEMPT -> attempts.putIfAbsent(legOf(e), new Attempt(e.vendor(), legOf(e), e.ts()));
                case PROGRESS, RINGING -> attempt(e).signalled(e.ts());
                case ANSWER -> {
                    if (answer == null) {
                        answer = e.ts();
                        answeredLeg = legOf(e);
                        attempt(e).answered = true;
                        attempt(e).signalled(e.ts());
                    }
                }
                case HANGUP -> hangup(e);
                case END -> {
                    end = e.ts();
                    cause = e.cause();
                    if (e.seq() >= SWEPT_SEQ) {
                        flags.add(CdrFlag.SWEPT);
                    }
                }
            }
        }

        private void hangup(CallEvent e) {
            boolean customerLeg = e.callId().equals(e.legId()) || e.legId() == null;
            if (customerLeg) {
                if (customerHangup == null) {
                    customerHangup = e.ts();
                }
            } else {
                Attempt attempt = attempt(e);
                if (attempt.cause == null) {
                    attempt.cause = e.cause();
                    attempt.ended = e.ts();
                }
            }
            if (answer != null && talkEnd == null && (customerLeg || legOf(e).equals(answeredLeg))) {
                talkEnd = e.ts();
            }
        }

        private Attempt attempt(CallEvent e) {
            return attempts.computeIfAbsent(legOf(e), leg -> {
                // the ATTEMPT itself is missing; checkSequence flags it, the attempt still counts
                return new Attempt(e.vendor() == null ? "" : e.vendor(), leg, e.ts());
            });
        }

        private static String legOf(CallEvent e) {
            return e.legId() == null ? "" : e.legId();
        }

        private void checkSequence() {
            long lastReal = bySeq.headMap(SWEPT_SEQ).isEmpty() ? -1 : bySeq.headMap(SWEPT_SEQ).lastKey();
            boolean gap = bySeq.headMap(SWEPT_SEQ).size() != lastReal + 1;
            boolean noSetup = bySeq.values().stream().noneMatch(e -> e.type() == Type.SETUP);
            boolean noEnd = bySeq.values().stream().noneMatch(e -> e.type() == Type.END);
            if (gap || noSetup || flags.contains(CdrFlag.SWEPT) || (noEnd && !flags.contains(CdrFlag.TIMED_OUT))) {
                flags.add(CdrFlag.EVENTS_MISSING);
            }
        }

        private Disposition disposition() {
            if (answer != null) {
                return Disposition.ANSWERED;
            }
            if (attempts.isEmpty()) {
                return cause != null && cause == 16 ? Disposition.CANCELLED : Disposition.REJECTED;
            }
            Attempt last = new ArrayList<>(attempts.values()).get(attempts.size() - 1);
            if (customerHangup != null && (last.ended == null || customerHangup.isBefore(last.ended))) {
                return Disposition.CANCELLED;
            }
            if (cause == null) {
                return Disposition.FAILED;
            }
            return switch (cause) {
                case 17 -> Disposition.BUSY;
                case 18, 19 -> Disposition.NO_ANSWER;
                case 34, 38, 42 -> Disposition.CONGESTION;
                default -> Disposition.FAILED;
            };
        }

        private List<CallAttempt> attemptList() {
            return attempts.values().stream().map(Attempt::toRecord).toList();
        }
    }

    /** An attempt as the events build it up. */
    private static final class Attempt {
        final String vendor;
        final String leg;
        final Instant started;
        Instant signalled;
        Instant ended;
        Integer cause;
        boolean answered;

        Attempt(String vendor, String leg, Instant started) {
            this.vendor = vendor;
            this.leg = leg;
            this.started = started;
        }

        void signalled(Instant t) {
            if (signalled == null) {
                signalled = t;
            }
        }

        CallAttempt toRecord() {
            Long pdd = signalled == null ? null : Math.max(0, Duration.between(started, signalled).toMillis());
            return new CallAttempt(vendor, leg.isEmpty() ? null : leg, cause, pdd, answered);
        }
    }
}
