package io.tollgate.agent;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.CdrAssembler;
import io.tollgate.core.cdr.CallEvent.Type;
import io.tollgate.core.numbers.InvalidNumberException;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.core.routing.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Least-cost call control: admits a customer's call, bridges it, tries the planned vendors one after another,
 * answers the customer when a vendor answers, and clears every leg and the bridge when the call is over.
 *
 * <p>It is driven by what the switch reports (a customer leg entered; a vendor leg rings, answers, is gone) and
 * acts through {@link Switch}. Every entry point hops onto the call's own thread, and so does every switch
 * answer, so a call's state changes one step at a time. A channel is treated as gone only when the switch says
 * it is destroyed (with its cause); repeated reports of the same end change nothing.
 */
public final class CallControl {
    /** Events a call publishes at most on its happy path, reserved before it is admitted. */
    static final int EVENTS_PER_CALL = 16;
    private static final int NETWORK_FAILURE = 38;
    private static final int NORMAL_CLEARING = 16;
    private static final int NO_CIRCUIT = 34;
    /** The cause of a leg the sweeper ended: the real one was lost with the events (41, temporary failure). */
    public static final int SWEPT_CAUSE = 41;
    /** The sequence number of an END the sweeper publishes for a call whose earlier events it cannot know. */
    public static final long SWEEPER_SEQ = CdrAssembler.SWEPT_SEQ;
    /** A failed teardown request is sent again, up to this many times, 250 ms, 500 ms, ... apart. */
    private static final int TEARDOWN_ATTEMPTS = 6;
    private static final long TEARDOWN_BACKOFF_MS = 250;
    private static final Logger log = LoggerFactory.getLogger(CallControl.class);

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** Customer legs whose StasisStart came in while their call thread was busy: their set-up is still queued. */
    private final Set<String> arriving = ConcurrentHashMap.newKeySet();
    private final Switch sw;
    private final CallEventSink events;
    private final CallThreads threads;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Settings settings;
    private final Parts parts;

    /** What the agent is told to do on every call. */
    public record Settings(String agentId, int dialTimeoutSeconds, CausePolicy causes) {
    }

    /** The domain parts call control consults. */
    public record Parts(Customers customers, Admission admission, RoutePlanner planner, TrunkPool trunks,
                        InstructionBook book, NumberNormalizer numbers, ChannelIds ids, CallStats stats) {
    }

    public CallControl(Switch sw, CallEventSink events, CallThreads threads, ScheduledExecutorService timer,
                       Clock clock, Settings settings, Parts parts) {
        this.sw = sw;
        this.events = events;
        this.threads = threads;
        this.timer = timer;
        this.clock = clock;
        this.settings = settings;
        this.parts = parts;
    }

    /** Calls in progress. */
    public int active() {
        return calls.size();
    }

    /**
     * Whether {@code channelId} is a leg of a call in progress, or a customer leg whose StasisStart came in and
     * waits for its call thread (under load that wait has been seconds).
     */
    public boolean tracks(String channelId) {
        return calls.containsKey(channelId) || arriving.contains(channelId)
                || parts.ids().callOf(channelId).map(calls::containsKey).orElse(false);
    }

    // ---- what the switch reports ---------------------------------------------------------------------------

    /** A customer leg entered the application: {@code args} are the Stasis arguments, the dialled number first. */
    public void customerEntered(String channelId, String channelName, String callerNumber, List<String> args,
                                Instant ts) {
        long entered = System.nanoTime();
        arriving.add(channelId);
        threads.run(channelId, () -> {
            try {
                setUp(channelId, channelName, callerNumber, args, ts, entered);
            } finally {
                arriving.remove(channelId);
            }
        });
    }

    public void legRinging(String legId, Instant ts) {
        onVendorLeg(legId, call -> {
            if (legId.equals(call.leg) && !call.rang && !call.answered) {
                call.rang = true;
                publish(call, Type.RINGING, legId, ts, call.route.vendor(), null);
            }
        });
    }

    public void legProgress(String legId, Instant ts) {
        onVendorLeg(legId, call -> {
            if (legId.equals(call.leg) && !call.progressed && !call.answered) {
                call.progressed = true;
                publish(call, Type.PROGRESS, legId, ts, call.route.vendor(), null);
            }
        });
    }

    public void legAnswered(String legId, Instant ts) {
        onVendorLeg(legId, call -> answered(call, legId, ts));
    }

    /** A channel (customer or vendor leg) is destroyed with {@code cause}. */
    public void channelGone(String channelId, int cause, Instant ts) {
        if (calls.containsKey(channelId)) {
            threads.run(channelId, () -> {
                Call call = calls.get(channelId);
                if (call != null) {
                    customerGone(call, cause, ts);
                }
            });
        } else {
            onVendorLeg(channelId, call -> vendorGone(call, channelId, cause, ts));
        }
    }

    /**
     * Closes the event stream of a call whose customer leg the sweeper found in our application but no call in
     * progress owns (the agent was restarted while it was up). The events sent before the restart are out of
     * reach, so the closing END carries {@link #SWEEPER_SEQ}: above any real sequence number, it orders last and
     * shows CDR assembly that the events in between may be missing.
     */
    public void closeOrphan(String channelId, String channelName, Instant ts) {
        String customer = parts.customers().identify(channelName, List.of()).orElse(null);
        events.publish(new CallEvent(Type.END, channelId, channelId, ts, customer, null, null, null, SWEPT_CAUSE,
                settings.agentId(), SWEEPER_SEQ));
    }

    /**
     * Ends what the switch no longer has: after a reconnect, the channels of calls in progress that vanished while
     * events were not coming are treated as destroyed. Only calls unchanged since {@code listedAtNanos}, with no
     * request in flight, are judged, since the channel list cannot show what was created after it was taken.
     */
    public void reconcile(java.util.Set<String> liveChannels, long listedAtNanos) {
        for (Call known : calls.values()) {
            threads.run(known.id, () -> {
                Call call = calls.get(known.id);
                // a request in flight can make a channel after the listing was taken (under load they queue for
                // seconds): such a call's legs are not judged by this listing
                if (call == null || call.changedNanos >= listedAtNanos || call.pending > 0) {
                    return;
                }
                for (String leg : java.util.List.copyOf(call.liveLegs.keySet())) {
                    if (!liveChannels.contains(leg)) {
                        vendorGone(call, leg, SWEPT_CAUSE, clock.instant());
                    }
                }
                if (!liveChannels.contains(call.id)) {
                    customerGone(call, SWEPT_CAUSE, clock.instant());
                }
            });
        }
    }

    /**
     * Someone asked for a channel's hangup with {@code cause}. For a customer leg this is the only place its cause
     * shows: a channel that came from the dialplan leaves our application (StasisEnd) without a ChannelDestroyed.
     */
    public void hangupRequested(String channelId, int cause) {
        threads.run(channelId, () -> {
            Call call = calls.get(channelId);
            if (call != null && call.customerHangupCause == null && cause > 0) {
                call.customerHangupCause = cause;
            }
        });
    }

    /** A customer leg left the application: it is hanging up (the agent never sends one back to the dialplan). */
    public void customerLeft(String channelId, Instant ts) {
        threads.run(channelId, () -> {
            Call call = calls.get(channelId);
            if (call != null) {
                Integer asked = call.customerHangupCause != null ? call.customerHangupCause : call.finalCause;
                customerGone(call, asked != null ? asked : NORMAL_CLEARING, ts);
            }
        });
    }

    // ---- setting up -------------------------------------------------------------------------------------------

    private void setUp(String channelId, String channelName, String callerNumber, List<String> args, Instant ts,
                       long entered) {
        if (calls.containsKey(channelId)) {
            return;
        }
        String dialled = args.isEmpty() ? "" : args.get(0);
        Call call = new Call(channelId, parts.ids().bridge(channelId), callerNumber, dialled);
        call.changedNanos = System.nanoTime();
        call.enteredNanos = entered;
        calls.put(channelId, call);
        parts.stats().callStarted();
        call.customer = parts.customers().identify(channelName, args).orElse(null);
        boolean valid = normalize(call);
        publish(call, Type.SETUP, channelId, ts, null, null);
        Refusal refusal = valid ? admit(call, ts) : Refusal.INVALID_NUMBER;
        if (refusal != null) {
            refuse(call, refusal);
            return;
        }
        call.pending++;
        sw.createBridge(call.bridge)
                .thenCompose(v -> sw.addToBridge(call.bridge, call.id))
                .thenCompose(v -> sw.ring(call.id))
                .whenComplete((v, error) -> threads.run(call.id, () -> bridged(call, error)));
    }

    /** Puts the dialled number in E.164 digits; false (the number kept as dialled) when it is not a number. */
    private boolean normalize(Call call) {
        try {
            call.bNumber = parts.numbers().normalize(call.bNumber);
            return true;
        } catch (InvalidNumberException e) {
            return false;
        }
    }

    private Refusal admit(Call call, Instant ts) {
        if (call.customer == null) {
            return Refusal.UNKNOWN_CUSTOMER;
        }
        if (!events.hasRoomFor(EVENTS_PER_CALL)) {
            return Refusal.EVENT_BUFFER_FULL;
        }
        if (parts.book().customerBlocked(call.customer)) {
            return Refusal.CUSTOMER_BLOCKED;
        }
        long started = System.nanoTime();
        call.plan = parts.planner().plan(call.customer, call.bNumber, ts);
        parts.stats().routeLookup(System.nanoTime() - started);
        if (call.plan == null) {
            return Refusal.NO_CUSTOMER_RATE;
        }
        if (call.plan.routes().isEmpty()) {
            return Refusal.NO_ROUTE;
        }
        CustomerLimits limits = parts.customers().limits(call.customer);
        Refusal over = parts.admission().admit(call.customer, limits, System.nanoTime());
        if (over != null) {
            return over;
        }
        call.admitted = true;
        call.maxDuration = parts.admission().maxDuration(limits.credit(), call.plan.customerRate());
        return null;
    }

    private void refuse(Call call, Refusal refusal) {
        log.debug("call {} refused: {}", call.id, refusal);
        parts.stats().refused(refusal);
        call.finalCause = refusal.cause();
        hangUp(call.id, refusal.cause());
    }

    private void bridged(Call call, Throwable error) {
        call.pending--;
        // the bridge may exist even when a step failed (a later one, or a lost answer): destroying it is harmless
        call.bridgeMade = true;
        if (call.customerGone) {
            finishIfClear(call);
        } else if (error != null) {
            log.warn("call {}: bridging the customer leg failed: {}", call.id, error.toString());
            refuse(call, Refusal.SWITCH_FAILURE);
        } else {
            tryNextRoute(call);
        }
    }

    // ---- trying vendors ----------------------------------------------------------------------------------------

    private void tryNextRoute(Call call) {
        while (call.hasRoutesLeft()) {
            Route route = call.plan.routes().get(call.nextRoute++);
            TrunkPool.Trunk trunk = parts.trunks().acquire(route.vendor());
            if (trunk == null) {
                parts.stats().attemptEnded(route.vendor(), NO_CIRCUIT);
                continue;
            }
            dialVendor(call, route, trunk);
            return;
        }
        int cause = call.lastVendorCause != null ? call.lastVendorCause : NO_CIRCUIT;
        call.finalCause = cause;
        hangUp(call.id, cause);
    }

    private void dialVendor(Call call, Route route, TrunkPool.Trunk trunk) {
        String leg = parts.ids().vendorLeg(call.id, ++call.attempts);
        call.leg = leg;
        call.route = route;
        call.rang = false;
        call.progressed = false;
        call.legCreated = false;
        call.legInApp = false;
        call.liveLegs.put(leg, trunk);
        call.changedNanos = System.nanoTime();
        publish(call, Type.ATTEMPT, leg, clock.instant(), route.vendor(), null);
        call.pending++;
        sw.createChannel(leg, "PJSIP/" + call.bNumber + "@" + trunk.endpoint(), call.aNumber)
                .whenComplete((v, error) -> threads.run(call.id, () -> legCreated(call, leg, error)));
    }

    private void legCreated(Call call, String leg, Throwable error) {
        call.pending--;
        if (error != null) {
            // no channel exists, so no destroyed event will come: the leg ends here
            log.warn("call {}: creating vendor leg {} failed: {}", call.id, leg, error.toString());
            vendorGone(call, leg, NETWORK_FAILURE, clock.instant());
            return;
        }
        if (call.customerGone || !leg.equals(call.leg)) {
            hangUp(leg, NORMAL_CLEARING);
            return;
        }
        call.legCreated = true;
        bridgeAndDialWhenReady(call, leg);
    }

    /**
     * A vendor leg entered our application. Asterisk answers channels/create before the new channel is in
     * Stasis, and a bridge refuses a channel that is not ("Channel not in Stasis application"): the leg is
     * bridged once both have happened, in whichever order they come.
     */
    public void legEntered(String legId) {
        onVendorLeg(legId, call -> {
            if (legId.equals(call.leg)) {
                call.legInApp = true;
                bridgeAndDialWhenReady(call, legId);
            }
        });
    }

    private void bridgeAndDialWhenReady(Call call, String leg) {
        if (!call.legCreated || !call.legInApp || call.customerGone || !call.liveLegs.containsKey(leg)) {
            return;
        }
        call.legCreated = false;
        call.legInApp = false;
        boolean first = call.attempts == 1;
        CompletionStage<Void> dialled = sw.addToBridge(call.bridge, leg)
                .thenCompose(v -> sw.dial(leg, settings.dialTimeoutSeconds()));
        if (first) {
            dialled.thenRun(() -> parts.stats().firstDial(System.nanoTime() - call.enteredNanos));
        }
        after(dialled, call, error -> {
                    log.warn("call {}: dialling vendor leg {} failed: {}", call.id, leg, error.toString());
                    hangUp(leg, NETWORK_FAILURE);
                });
    }

    private void answered(Call call, String leg, Instant ts) {
        if (!leg.equals(call.leg) || call.answered || call.customerGone) {
            return;
        }
        call.answered = true;
        call.legAnswered = ts;
        publish(call, Type.ANSWER, leg, ts, call.route.vendor(), null);
        after(sw.answer(call.id), call, error -> hangUp(leg, NORMAL_CLEARING));
        call.maxDurationTimer = timer.schedule(() -> threads.run(call.id, () -> maxDurationReached(call)),
                call.maxDuration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void maxDurationReached(Call call) {
        if (call.ended || call.customerGone) {
            return;
        }
        parts.stats().maxDurationReached();
        call.finalCause = NORMAL_CLEARING;
        // the customer leg first: its end takes the vendor leg down, one after the other, in a fixed order
        hangUp(call.id, NORMAL_CLEARING);
    }

    // ---- legs going ----------------------------------------------------------------------------------------

    private void vendorGone(Call call, String leg, int cause, Instant ts) {
        TrunkPool.Trunk trunk = call.liveLegs.remove(leg);
        if (trunk == null) {
            return;
        }
        parts.trunks().release(trunk);
        String vendor = trunk.vendor();
        parts.stats().attemptEnded(vendor, cause);
        publish(call, Type.HANGUP, leg, ts, vendor, cause);
        boolean current = leg.equals(call.leg);
        if (call.customerGone || !current) {
            finishIfClear(call);
        } else if (call.answered) {
            call.finalCause = cause;
            hangUp(call.id, cause);
        } else if (parts.book().customerBlocked(call.customer) || !settings.causes().advances(cause)) {
            call.finalCause = cause;
            hangUp(call.id, cause);
        } else {
            call.lastVendorCause = cause;
            tryNextRoute(call);
        }
    }

    private void customerGone(Call call, int cause, Instant ts) {
        if (call.customerGone) {
            return;
        }
        call.customerGone = true;
        if (call.finalCause == null) {
            call.finalCause = cause;
        }
        publish(call, Type.HANGUP, call.id, ts, null, cause);
        for (String leg : call.liveLegs.keySet()) {
            hangUp(leg, NORMAL_CLEARING);
        }
        finishIfClear(call);
    }

    private void finishIfClear(Call call) {
        if (call.ended || !call.customerGone || !call.liveLegs.isEmpty() || call.pending > 0) {
            return;
        }
        call.ended = true;
        if (call.maxDurationTimer != null) {
            call.maxDurationTimer.cancel(false);
        }
        if (call.bridgeMade) {
            persist("destroying bridge " + call.bridge, () -> sw.destroyBridge(call.bridge), 1);
        }
        if (call.admitted) {
            parts.admission().release(call.customer);
        }
        publish(call, Type.END, call.id, clock.instant(), null, call.finalCause);
        calls.remove(call.id);
        parts.stats().callEnded();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void onVendorLeg(String legId, Consumer<Call> action) {
        Optional<String> callId = parts.ids().callOf(legId);
        callId.ifPresent(id -> threads.run(id, () -> {
            Call call = calls.get(id);
            if (call != null) {
                action.accept(call);
            }
        }));
    }

    private void hangUp(String channelId, int cause) {
        persist("hanging up " + channelId, () -> sw.hangup(channelId, cause), 1);
    }

    /**
     * Sends a teardown request until the switch takes it: a hangup or bridge destruction that fails (the switch
     * answers 500, say) would otherwise leave the channel or bridge behind for good. The switch answers "gone"
     * as success, so retrying what already happened is harmless.
     */
    private void persist(String what, java.util.function.Supplier<CompletionStage<Void>> request, int attempt) {
        request.get().whenComplete((v, error) -> {
            if (error == null) {
                return;
            }
            if (attempt >= TEARDOWN_ATTEMPTS) {
                log.warn("{} failed {} times, leaving it to the orphan sweep: {}", what, attempt, error.toString());
                return;
            }
            timer.schedule(() -> persist(what, request, attempt + 1), TEARDOWN_BACKOFF_MS * attempt,
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Runs {@code onError} on the call's thread if {@code stage} fails. */
    private void after(CompletionStage<Void> stage, Call call, Consumer<Throwable> onError) {
        stage.whenComplete((v, error) -> {
            if (error != null) {
                threads.run(call.id, () -> onError.accept(error));
            }
        });
    }

    private void publish(Call call, Type type, String legId, Instant ts, String vendor, Integer cause) {
        events.publish(call.event(type, legId, ts, vendor, cause, settings.agentId()));
    }
}
