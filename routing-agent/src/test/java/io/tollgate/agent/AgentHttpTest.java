package io.tollgate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's HTTP endpoints, called with the JDK's client. */
class AgentHttpTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AgentMetrics metrics = new AgentMetrics();
    private AgentHttp http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void servesOnLoopbackOnAnEphemeralPort() throws Exception {
        http = AgentHttp.start(0, metrics, Map.of());

        assertThat(http.port()).isPositive();
        assertThat(http.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        metrics.callsRefused("blocked").increment();
        http = AgentHttp.start("127.0.0.1", 0, metrics, Map.of());

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE tollgate_agent_calls_refused_total counter",
                "tollgate_agent_calls_refused_total{reason=\"blocked\"} 1.0");
    }

    @Test
    void healthIsUpWith200WhenEveryCheckIs() throws Exception {
        http = AgentHttp.start(0, metrics, checks(() -> true, () -> true));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.path("status").asText()).isEqualTo("up");
        assertThat(json.path("checks").path("ari").asText()).isEqualTo("up");
        assertThat(json.path("checks").path("instructions").asText()).isEqualTo("up");
    }

    @Test
    void healthIs503NamingTheCheckThatIsDownAndFollowsItBackUp() throws Exception {
        AtomicBoolean caughtUp = new AtomicBoolean(false);
        http = AgentHttp.start(0, metrics, checks(() -> true, caughtUp::get));

        HttpResponse<String> down = get("/health");
        caughtUp.set(true);
        HttpResponse<String> up = get("/health");

        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode json = new ObjectMapper().readTree(down.body());
        assertThat(json.path("status").asText()).isEqualTo("down");
        assertThat(json.path("checks").path("ari").asText()).isEqualTo("up");
        assertThat(json.path("checks").path("instructions").asText()).isEqualTo("down");
        assertThat(up.statusCode()).isEqualTo(200);
    }

    @Test
    void aCheckThatThrowsIsDown() throws Exception {
        http = AgentHttp.start(0, metrics, checks(() -> true, () -> {
            throw new IllegalStateException("not started");
        }));

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(response.body()).path("checks").path("instructions").asText())
                .isEqualTo("down");
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        http = AgentHttp.start(0, metrics, Map.of());

        HttpResponse<String> unknown = get("/metricsfoo");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    private static Map<String, BooleanSupplier> checks(BooleanSupplier ari, BooleanSupplier instructions) {
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("ari", ari);
        checks.put("instructions", instructions);
        return checks;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.port() + path);
    }
}
