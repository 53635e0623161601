package io.tollgate.agent;

import io.tollgate.core.cdr.CallEvent;

/**
 * Where the agent sends every call event. {@link #publish} must not block a call's thread; a sink that buffers
 * says through {@link #hasRoomFor} whether a new call's events would still fit, so the agent refuses the call
 * instead of losing its events.
 */
public interface CallEventSink {

    void publish(CallEvent event);

    /** Whether {@code events} more events can be taken without dropping any. */
    boolean hasRoomFor(int events);
}
