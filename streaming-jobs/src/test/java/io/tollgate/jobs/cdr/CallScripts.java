package io.tollgate.jobs.cdr;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.CallEvent.Type;
import io.tollgate.core.json.JsonCodec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Call events as the routing agent numbers them, wrapped as records read from Kafka. */
public final class CallScripts {
    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private CallScripts() {
    }

    /** Vendor A congested, vendor B rang after 1.5 s, answered, and the call talked {@code talkMs}. */
    public static List<CallEvent> failoverThenAnswer(String callId, long talkMs) {
        List<CallEvent> events = new ArrayList<>();
        add(events, Type.SETUP, callId, callId, 0, null, null);
        add(events, Type.ATTEMPT, callId, callId + "-v1", 20, "vendor-a", null);
        add(events, Type.HANGUP, callId, callId + "-v1", 120, "vendor-a", 34);
        add(events, Type.ATTEMPT, callId, callId + "-v2", 130, "vendor-b", null);
        add(events, Type.RINGING, callId, callId + "-v2", 1_630, "vendor-b", null);
        add(events, Type.ANSWER, callId, callId + "-v2", 4_000, "vendor-b", null);
        add(events, Type.HANGUP, callId, callId, 4_000 + talkMs, null, 16);
        add(events, Type.HANGUP, callId, callId + "-v2", 4_010 + talkMs, "vendor-b", 16);
        add(events, Type.END, callId, callId, 4_050 + talkMs, null, 16);
        return events;
    }

    private static void add(List<CallEvent> events, Type type, String callId, String leg, long atMs, String vendor,
                            Integer cause) {
        events.add(new CallEvent(type, callId, leg, T0.plusMillis(atMs), "acme", "4930111", "4915112345678", vendor,
                cause, "agent-1", events.size()));
    }

    public static EventRecord record(CallEvent event, long offset) {
        return new EventRecord(event.callId(), JsonCodec.CALL_EVENT.encode(event), 0, offset);
    }

    /** The records of one call as a source instance's bundling sends them. */
    public static EventBundle bundle(EventRecord... records) {
        return new EventBundle(records[0].callId(), records);
    }
}
