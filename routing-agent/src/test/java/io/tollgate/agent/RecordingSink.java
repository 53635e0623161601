package io.tollgate.agent;

import io.tollgate.core.cdr.CallEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the published events; {@code room} = false plays a full buffer. */
final class RecordingSink implements CallEventSink {
    final List<CallEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean room = true;

    @Override
    public void publish(CallEvent event) {
        events.add(event);
    }

    @Override
    public boolean hasRoomFor(int count) {
        return room;
    }

    List<CallEvent> of(String callId) {
        return events.stream().filter(e -> e.callId().equals(callId)).toList();
    }
}
