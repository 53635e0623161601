package io.tollgate.ingest.cdr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.ingest.testing.LocalStack;

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
 * Places real calls on the local stack's Asterisk through ARI, as a routing agent would: a customer call enters
 * Stasis, is answered, a vendor leg is dialled on trunk vendor-a and bridged to it; the simulated vendor talks and
 * hangs up, and we hang up the customer. Asterisk's cdr_csv writes the legs to Master.csv. The app name
 * {@code tollgate} is shared with other tests, so events are matched by channel and every channel is hung up.
 */
final class AsteriskCalls implements AutoCloseable {
    private static final String APP = "tollgate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final URI ari;
    private final String auth;
    private final WebSocket socket;

    AsteriskCalls() throws Exception {
        ari = LocalStack.ariUri();
        auth = "Basic " + Base64.getEncoder().encodeToString(
                (LocalStack.ariUser() + ":" + LocalStack.ariPassword()).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(ari.toString().replaceFirst("^http", "ws") + "events?app=" + APP);
        socket = http.newWebSocketBuilder().header("Authorization", auth)
                .buildAsync(uri, new Collector()).get(10, TimeUnit.SECONDS);
    }

    /** A customer call to {@code number} carried by vendor-a; returns the customer channel's id once it ended. */
    String call(String number) throws Exception {
        String customer = null;
        String vendor = null;
        String bridge = null;
        try {
            String endpoint = URLEncoder.encode("Local/" + number + "@from-customer", StandardCharsets.UTF_8);
            post("channels?endpoint=" + endpoint + "&context=caller-wait&extension=s&priority=1&formats=ulaw,alaw");
            JsonNode start = next(e -> "StasisStart".equals(e.path("type").asText())
                    && number.equals(e.path("args").path(0).asText()));
            customer = start.path("channel").path("id").asText();
            post("channels/" + customer + "/answer");
            String dial = URLEncoder.encode("PJSIP/" + number + "@vendor-a", StandardCharsets.UTF_8);
            vendor = JSON.readTree(post("channels?endpoint=" + dial + "&app=" + APP + "&appArgs=vendor-leg-" + number
                    + "&formats=ulaw,alaw")).path("id").asText();
            String vendorId = vendor;
            next(e -> "StasisStart".equals(e.path("type").asText())
                    && vendorId.equals(e.path("channel").path("id").asText()));
            bridge = JSON.readTree(post("bridges?type=mixing")).path("id").asText();
            post("bridges/" + bridge + "/addChannel?channel=" + customer + "," + vendor);
            next(e -> "StasisEnd".equals(e.path("type").asText())
                    && vendorId.equals(e.path("channel").path("id").asText()));
            return customer;
        } finally {
            if (customer != null) {
                delete("channels/" + customer);
            }
            if (vendor != null) {
                delete("channels/" + vendor);
            }
            if (bridge != null) {
                delete("bridges/" + bridge);
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private String post(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(ari.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("ARI POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private void delete(String path) throws Exception {
        send(HttpRequest.newBuilder(ari.resolve(path)).DELETE());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no such ARI event within 30 s");
    }

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
