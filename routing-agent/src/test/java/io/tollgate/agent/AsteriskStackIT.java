package io.tollgate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real Asterisk 22 of infra/stack, over plain HTTP and WebSocket (the routing agent's own ari4java
 * client is tested with its issue): ARI answers, and a customer call enters and leaves the Stasis application.
 */
class AsteriskStackIT {
    private static final String APP = "tollgate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private URI ari;
    private String auth;
    private WebSocket socket;

    @BeforeEach
    void connect() throws Exception {
        ari = LocalStack.ariUri();
        auth = "Basic " + Base64.getEncoder().encodeToString(
                (LocalStack.ariUser() + ":" + LocalStack.ariPassword()).getBytes(StandardCharsets.UTF_8));
        URI events = URI.create(ari.toString().replaceFirst("^http", "ws") + "events?app=" + APP);
        socket = http.newWebSocketBuilder().header("Authorization", auth)
                .buildAsync(events, new Collector()).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        if (socket != null) {
            socket.abort();
        }
    }

    @Test
    void ariAnswersWithAsterisk22() throws Exception {
        HttpResponse<String> info = send(HttpRequest.newBuilder(ari.resolve("asterisk/info")).GET());

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(info.body()).path("system").path("version").asText()).startsWith("22.");
    }

    @Test
    void aCustomerCallEntersStasisWithItsNumberAndLeavesWhenHungUp() throws Exception {
        String number = "2800530";
        String endpoint = URLEncoder.encode("Local/" + number + "@from-customer", StandardCharsets.UTF_8);
        HttpResponse<String> originated = send(HttpRequest.newBuilder(ari.resolve("channels?endpoint=" + endpoint
                + "&context=caller-wait&extension=s&priority=1&formats=ulaw,alaw")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(originated.statusCode()).as(originated.body()).isEqualTo(200);

        JsonNode start = next("StasisStart");
        String channel = start.path("channel").path("id").asText();
        assertThat(start.path("application").asText()).isEqualTo(APP);
        assertThat(start.path("args").get(0).asText()).isEqualTo(number);

        HttpResponse<String> hangup = send(HttpRequest.newBuilder(ari.resolve("channels/" + channel)).DELETE());
        assertThat(hangup.statusCode()).isEqualTo(204);

        JsonNode end = next("StasisEnd");
        assertThat(end.path("channel").path("id").asText()).isEqualTo(channel);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The next event of {@code type}, skipping others; fails after 15 s. */
    private JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && type.equals(event.path("type").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event within 15 s");
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
