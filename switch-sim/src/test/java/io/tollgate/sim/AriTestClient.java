package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A plain ARI client over the JDK's HTTP client and WebSocket, for tests that drive the simulator or a real
 * Asterisk the same way (the recorder runs one scenario against both).
 */
final class AriTestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI ari;
    private final String auth;

    /** @param ari ARI's base, ending in {@code /ari/} */
    AriTestClient(URI ari, String user, String password) {
        this.ari = ari;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static AriTestClient of(SwitchSim sim) {
        return new AriTestClient(sim.ariUri(), sim.options().user(), sim.options().password());
    }

    URI ari() {
        return ari;
    }

    /** An HTTP answer: status and body (parsed on demand). */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String message() {
            return json().path("message").asText();
        }
    }

    Reply send(String method, String path) {
        return send(method, path, null);
    }

    /** Sends {@code method path} (relative to ARI's base), with a JSON body if given. */
    Reply send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ari.resolve(path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .header("Authorization", auth).timeout(Duration.ofSeconds(15));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** Sends and insists on a 2xx answer. */
    Reply ok(String method, String path) {
        return ok(method, path, null);
    }

    Reply ok(String method, String path, String jsonBody) {
        Reply r = send(method, path, jsonBody);
        if (r.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + r.status() + " " + r.body());
        }
        return r;
    }

    /** Opens an event WebSocket for {@code apps} (comma separated) and waits until it is connected. */
    EventLog events(String apps) {
        return events(apps, false);
    }

    EventLog events(String apps, boolean subscribeAll) {
        EventLog log = new EventLog();
        URI uri = URI.create(ari.toString().replaceFirst("^http", "ws") + "events?app=" + enc(apps)
                + (subscribeAll ? "&subscribeAll=true" : ""));
        try {
            log.socket = http.newWebSocketBuilder().header("Authorization", auth).buildAsync(uri, log)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot connect the event socket " + uri + ": " + e, e);
        }
        return log;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
