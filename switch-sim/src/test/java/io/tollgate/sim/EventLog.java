package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/** Every event one event WebSocket received, in order, with waits for the one a test needs next. */
final class EventLog implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<JsonNode> events = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private int closeCode = -1;
    WebSocket socket;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode event;
            try {
                event = AriTestClient.JSON.readTree(partial.toString());
            } catch (Exception e) {
                throw new IllegalStateException("an event that is not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
            synchronized (this) {
                events.add(event);
                notifyAll();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        notifyAll();
        return null;
    }

    @Override
    public synchronized void onError(WebSocket webSocket, Throwable error) {
        closeCode = 1006;
        notifyAll();
    }

    synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    synchronized boolean closed() {
        return closeCode >= 0;
    }

    /** The first event (since the socket opened) that {@code wanted} accepts; fails after {@link #WAIT}. */
    JsonNode await(String what, Predicate<JsonNode> wanted) {
        return await(what, wanted, WAIT);
    }

    synchronized JsonNode await(String what, Predicate<JsonNode> wanted, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < events.size(); checked++) {
                if (wanted.test(events.get(checked))) {
                    return events.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no event: " + what + " within " + patience.toSeconds() + " s; got "
                        + events.stream().map(e -> e.path("type").asText() + "/" + Ev.subject(e)).toList());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits until the socket is closed by the other side. */
    synchronized void awaitClosed(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (closeCode < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the event socket was not closed within " + patience.toSeconds() + " s");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * Waits until everything the switch sent {@code app} so far has arrived: a user event sent now is the last of
     * the application's events, which arrive in order. For checking that something did not happen.
     */
    void drain(AriTestClient ari, String app) {
        String mark = "drain-" + System.nanoTime();
        ari.ok("POST", "events/user/" + mark + "?application=" + app);
        await("the mark " + mark, e -> mark.equals(e.path("eventname").asText()));
    }

    /** Events about {@code id} (as channel, Dial peer or bridge), in order. */
    List<JsonNode> about(String id) {
        return events().stream().filter(e -> id.equals(Ev.subject(e)) || id.equals(e.path("bridge").path("id").asText(null)))
                .toList();
    }

    /**
     * Closes the socket and waits for the server's close, so that a next socket for the same application is not
     * unregistered by this one's late close (Asterisk deactivates an application when its old socket goes).
     */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, java.util.concurrent.TimeUnit.SECONDS);
            awaitClosed(Duration.ofSeconds(5));
        } catch (Exception | AssertionError e) {
            // the server went first, or never answered: nothing more to wait for
        } finally {
            socket.abort();
        }
    }
}
