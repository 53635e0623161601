package io.tollgate.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP basic auth, or {@code api_key=user:password}, as Asterisk accepts; 401 otherwise. */
class AuthTest {
    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder().user("ari").password("s3cret").build());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sim.stop();
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sim.ariUri().resolve(path));
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConfiguredCredentialsAreRequired() throws Exception {
        assertThat(get("channels", "ari", "s3cret").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get("channels", "ari", "wrong");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Authentication required\"}");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Asterisk REST Interface\"");
        assertThat(get("channels", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anApiKeyInTheQueryWorksLikeBasicAuth() throws Exception {
        assertThat(get("channels?api_key=ari:s3cret", null, null).statusCode()).isEqualTo(200);
        assertThat(get("channels?api_key=ari:nope", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theEventSocketNeedsTheCredentialsToo() throws Exception {
        URI uri = URI.create(sim.ariUri().toString().replace("http", "ws") + "events?app=x");
        assertThat(http.newWebSocketBuilder().buildAsync(uri, new java.net.http.WebSocket.Listener() {
        }).handle((ws, error) -> error != null).get()).isTrue();
        AriTestClient good = new AriTestClient(sim.ariUri(), "ari", "s3cret");
        try (EventLog log = good.events("x")) {
            good.ok("POST", "events/user/hello?application=x");
            log.await("the event", e -> "hello".equals(e.path("eventname").asText()));
        }
    }

    @Test
    void versionDetectionFindsAri10() throws Exception {
        HttpResponse<String> resources = get("api-docs/resources.json", "ari", "s3cret");
        assertThat(AriTestClient.JSON.readTree(resources.body()).path("apiVersion").asText()).isEqualTo("10.0.0");
        HttpResponse<String> info = get("asterisk/info", "ari", "s3cret");
        assertThat(AriTestClient.JSON.readTree(info.body()).path("system").path("version").asText())
                .isEqualTo("22.x-sim");
    }
}
