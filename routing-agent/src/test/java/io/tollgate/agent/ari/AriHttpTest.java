package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.tools.HttpParam;
import ch.loway.oss.ari4java.tools.HttpResponse;
import ch.loway.oss.ari4java.tools.RestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.sim.SwitchSim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The REST transport against the switch simulator: what it sends, what it makes of answers and refusals. */
class AriHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults());
    private final String root = "http://127.0.0.1:" + sim.port() + "/";
    private final AriHttp http = new AriHttp(root, "tollgate", "tollgate");

    @AfterEach
    void stop() {
        http.destroy();
        sim.stop();
    }

    @Test
    void parametersAreEncodedAndTheAnswerIsTheBody() throws Exception {
        String created = http.httpActionSync("/bridges", "POST",
                List.of(HttpParam.build("bridgeId", "b 1&x=y"), HttpParam.build("name", (String) null)), null, List.of());

        assertThat(JSON.readTree(created).path("id").asText()).isEqualTo("b 1&x=y");
        JsonNode listed = http.get("/bridges", JSON::readTree);
        assertThat(listed.findValuesAsText("id")).containsExactly("b 1&x=y");
    }

    @Test
    void aJsonBodyReachesTheSwitch() throws Exception {
        WebSocket events = SimApplication.hold(sim, "app");
        try {
            http.httpActionSync("/applications/app/eventFilter", "PUT", List.of(),
                    "{\"allowed\":[{\"type\":\"StasisStart\"}]}", List.of());

            JsonNode app = http.get("/applications/app", JSON::readTree);
            assertThat(app.path("events_allowed").toString()).isEqualTo("[{\"type\":\"StasisStart\"}]");
        } finally {
            events.abort();
        }
    }

    @Test
    void aRefusalCarriesTheStatusAndTheDescriptionAriDocumentsForIt() {
        RestException refused = catchThrowableOfType(() -> http.httpActionSync("/channels/none/answer", "POST",
                List.of(), null, List.of(HttpResponse.build(404, "Channel not found"))), RestException.class);

        assertThat(refused.getCode()).isEqualTo(404);
        assertThat(refused.getMessage()).isEqualTo("Channel not found");
    }

    @Test
    void anUndocumentedRefusalCarriesTheSwitchsOwnWords() {
        AriHttp stranger = new AriHttp(root, "tollgate", "wrong");
        RestException refused = catchThrowableOfType(() -> stranger.httpActionSync("/channels", "GET", List.of(), null,
                List.of()), RestException.class);
        stranger.destroy();

        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(refused.getMessage()).isEqualTo("Authentication required");
    }
}
