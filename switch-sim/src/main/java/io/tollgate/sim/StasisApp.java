package io.tollgate.sim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Stasis application: a name that channels enter and that events are addressed to. It is registered while an
 * event WebSocket holds it; Asterisk gives an application's events to its latest WebSocket only, and does not
 * queue them while none is connected.
 */
final class StasisApp {
    /** Calls the dialplan sent into the application, and those refused because it was not registered then. */
    final java.util.concurrent.atomic.AtomicLong entered = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    final String name;
    /** The WebSocket that gets the application's events, null when none is connected (the app is not registered). */
    EventStream stream;
    /** Set by {@code subscribeAll=true}: every channel's and bridge's events, not just the application's own. */
    boolean subscribeAll;
    /** Endpoints subscribed to ({@code PJSIP/vendor-a}): events of every channel on them. */
    final Set<String> endpoints = new LinkedHashSet<>();
    /** Event types let through ({@code applications/{app}/eventFilter}); empty lets all through. */
    List<String> allowed = List.of();
    List<String> disallowed = List.of();

    StasisApp(String name) {
        this.name = name;
    }

    boolean registered() {
        return stream != null;
    }

    /** Asterisk's event filter: an event passes if it is allowed (or nothing is listed as allowed) and not disallowed. */
    boolean passes(String type) {
        if (!allowed.isEmpty() && !allowed.contains(type)) {
            return false;
        }
        return !disallowed.contains(type);
    }
}
