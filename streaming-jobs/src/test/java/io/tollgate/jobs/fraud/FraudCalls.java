package io.tollgate.jobs.fraud;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.CallEvent.Type;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Call events of whole calls, for the fraud job's tests: setup, answer after a second, end after the talk. */
final class FraudCalls {
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private FraudCalls() {
    }

    /** The events of one answered call from {@code customer} to {@code number}, set up at {@code atMs} after T0. */
    static List<CallEvent> answered(String customer, String callId, String number, long atMs, long talkMs) {
        Instant setup = T0.plusMillis(atMs);
        Instant answer = setup.plusSeconds(1);
        List<CallEvent> events = new ArrayList<>();
        events.add(event(Type.SETUP, callId, customer, number, setup, 0));
        events.add(event(Type.ANSWER, callId, customer, number, answer, 1));
        events.add(event(Type.END, callId, customer, number, answer.plusMillis(talkMs), 2));
        return events;
    }

    /** Only the setup: a call still up. */
    static CallEvent setup(String customer, String callId, String number, long atMs) {
        return event(Type.SETUP, callId, customer, number, T0.plusMillis(atMs), 0);
    }

    private static CallEvent event(Type type, String callId, String customer, String number, Instant ts, long seq) {
        return new CallEvent(type, callId, callId, ts, customer, "4930111", number, type == Type.SETUP ? null
                : "vendor-a", type == Type.END ? 16 : null, "agent-1", seq);
    }
}
