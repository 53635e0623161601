package io.tollgate.agent;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.routing.Route;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * One customer call as call control tracks it. Only the call's own thread touches it (see {@link CallControl}),
 * so it needs no locks. {@code pending} counts switch operations that create something (the bridge, a vendor
 * leg) and have not answered yet: the call may not end while one could still leave a bridge or channel behind.
 */
final class Call {
    final String id;
    final String bridge;
    final String aNumber;
    String bNumber;
    String customer;
    boolean admitted;
    RoutePlan plan;
    Duration maxDuration;
    int nextRoute;
    int attempts;

    /** The vendor leg being tried or talking, and what it uses. */
    String leg;
    Route route;
    Instant legAnswered;
    /** The switch confirmed the leg's creation, and the leg entered our application: it is bridged when both hold. */
    boolean legCreated;
    boolean legInApp;
    boolean rang;
    boolean progressed;

    /** Vendor legs not yet gone, with the trunk each holds. */
    final Map<String, TrunkPool.Trunk> liveLegs = new HashMap<>();
    boolean bridgeMade;
    int pending;
    boolean answered;
    boolean customerGone;
    boolean ended;
    /** The cause the call ends with: the first hangup of an answered call, else the last vendor's failure. */
    Integer finalCause;
    Integer lastVendorCause;
    /** The cause of the first hangup request on the customer leg, the cause its end is reported with. */
    Integer customerHangupCause;
    ScheduledFuture<?> maxDurationTimer;
    /** When the call last created something on the switch (System.nanoTime), for the sweeper's reconciling. */
    long changedNanos;
    /** When the customer leg's StasisStart reached the agent (System.nanoTime). */
    long enteredNanos;
    private long seq;

    Call(String id, String bridge, String aNumber, String bNumber) {
        this.id = id;
        this.bridge = bridge;
        this.aNumber = aNumber;
        this.bNumber = bNumber;
    }

    CallEvent event(CallEvent.Type type, String legId, Instant ts, String vendor, Integer cause, String agentId) {
        return new CallEvent(type, id, legId, ts, customer, aNumber, bNumber, vendor, cause, agentId, seq++);
    }

    boolean hasRoutesLeft() {
        return plan != null && nextRoute < plan.routes().size();
    }
}
