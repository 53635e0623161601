package io.tollgate.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plain ARI client for tests against the local stack's Asterisk: REST calls and the event WebSocket of a
 * Stasis app (by default {@code tollgate}, the one the dialplan sends customer calls to), over the JDK's HTTP
 * client (the routing agent's own ari4java client is tested with it). The app name is shared by several tests,
 * so wait for events by what identifies them, not just by type.
 */
public final class AriSession implements AutoCloseable {
    public static final String APP = "tollgate";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EVENT_TIMEOUT_S = 30;

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final URI ari;
    private final String auth;
    private final String app;
    private final WebSocket socket;

    /** Connects as {@link #APP}, i.e. stands in for the routing agent. */
    public AriSession() throws Exception {
        this(APP);
    }

    /**
     * Connects as Stasis app {@code app}. Asterisk gives an app's events to its latest WebSocket only, so a helper
     * that must not take events from {@link #APP} (or from another test's helper) needs an app name of its own.
     */
    public AriSession(String app) throws Exception {
        this(LocalStack.ariUri(), app);
    }

    /** Connects as Stasis app {@code app} to the ARI at {@code ari} (the switch simulator, say), base ending in /ari/. */
    public AriSession(URI ari, String app) throws Exception {
        this.app = app;
        this.ari = ari;
        auth = "Basic " + Base64.getEncoder().encodeToString(
                (LocalStack.ariUser() + ":" + LocalStack.ariPassword()).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(ari.toString().replaceFirst("^http", "ws") + "events?app="
                + URLEncoder.encode(app, StandardCharsets.UTF_8));
        socket = http.newWebSocketBuilder().header("Authorization", auth)
                .buildAsync(uri, new Collector()).get(10, TimeUnit.SECONDS);
    }

    public String app() {
        return app;
    }

    /** Sends {@code method} to {@code path} (relative to the ARI base) with the credentials. */
    public HttpResponse<String> send(String path, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(ari.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs to {@code path} and returns the body; fails unless ARI answered 2xx. */
    public JsonNode post(String path) throws Exception {
        HttpResponse<String> r = send(path, "POST");
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("ARI POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return send(path, "DELETE");
    }

    /** The next event {@code wanted} accepts, skipping others; fails after 30 s. */
    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENT_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no such ARI event within " + EVENT_TIMEOUT_S + " s");
    }

    /** The next event, whatever it is, or null when none arrives within {@code timeout}. */
    public JsonNode poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A test for events of {@code type} about channel {@code channelId}. */
    public static Predicate<JsonNode> about(String type, String channelId) {
        return e -> type.equals(e.path("type").asText()) && channelId.equals(e.path("channel").path("id").asText());
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Collects whole text messages (ARI events can arrive in several frames) as JSON. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    events.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("ARI sent a message that is not JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
