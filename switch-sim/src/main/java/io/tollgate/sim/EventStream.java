package io.tollgate.sim;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event WebSocket ({@code GET /ari/events?app=...}). The exchange's thread queues events here while it works
 * and hands each batch to the socket's Netty thread once per step ({@link #flush}), so a burst of events costs one
 * task and one flush rather than one per event. Events can be held back by a fault delay; batches keep their order.
 */
final class EventStream {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    /**
     * Asterisk drops an event socket whose writes stall (websocket_write_timeout); this is the simulator's version:
     * a client that leaves this much unread is disconnected instead of growing the heap without end.
     */
    private static final long MAX_UNREAD_BYTES = 256L * 1024 * 1024;

    private final Channel socket;
    private final Faults faults;
    final List<String> apps;
    /** Only the exchange's thread touches these. */
    private List<String> pending = new ArrayList<>();
    private long lastDueNanos;

    EventStream(Channel socket, List<String> apps, Faults faults) {
        this.socket = socket;
        this.apps = apps;
        this.faults = faults;
    }

    boolean open() {
        return socket.isActive();
    }

    Channel socket() {
        return socket;
    }

    /** Queues an event; returns true if the stream had nothing queued before (the caller remembers to flush it). */
    boolean add(String event) {
        pending.add(event);
        return pending.size() == 1;
    }

    /** Hands the queued events to the socket's thread, after the fault delay if one is set. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> batch = pending;
        pending = new ArrayList<>();
        long delayMs = faults.eventDelayMillis();
        Runnable write = () -> write(batch);
        if (delayMs <= 0 && lastDueNanos <= System.nanoTime()) {
            socket.eventLoop().execute(write);
        } else {
            // a later batch must never overtake an earlier one, even if the delay was shortened meanwhile
            long due = Math.max(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs), lastDueNanos);
            lastDueNanos = due;
            socket.eventLoop().schedule(write, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }

    private void write(List<String> batch) {
        if (!socket.isActive()) {
            return;
        }
        ChannelOutboundBuffer unread = socket.unsafe().outboundBuffer();
        if (unread != null && unread.totalPendingWriteBytes() > MAX_UNREAD_BYTES) {
            log.warn("event socket {} does not read its events ({} bytes unread): closing it", socket.remoteAddress(),
                    unread.totalPendingWriteBytes());
            socket.close();
            return;
        }
        for (String event : batch) {
            socket.write(new TextWebSocketFrame(event));
        }
        socket.flush();
    }

    /** Drops the connection, as a network fault or an Asterisk restart would. */
    void drop() {
        socket.close();
    }
}
