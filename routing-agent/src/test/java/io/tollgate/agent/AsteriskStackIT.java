package io.tollgate.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.ingest.testing.AriSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.tollgate.ingest.testing.AriSession.about;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real Asterisk 22 of infra/stack, over plain HTTP and WebSocket (the routing agent's own ari4java
 * client is tested with its issue): ARI answers, and a customer call enters and leaves the Stasis application.
 */
class AsteriskStackIT {
    private AriSession ari;

    @BeforeEach
    void connect() throws Exception {
        ari = new AriSession();
    }

    @AfterEach
    void close() {
        if (ari != null) {
            ari.close();
        }
    }

    @Test
    void ariAnswersWithAsterisk22() throws Exception {
        HttpResponse<String> info = ari.send("asterisk/info", "GET");

        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(info.body()).path("system").path("version").asText()).startsWith("22.");
    }

    @Test
    void aCustomerCallEntersStasisWithItsNumberAndLeavesWhenHungUp() throws Exception {
        String number = "2800530";
        String endpoint = URLEncoder.encode("Local/" + number + "@from-customer", StandardCharsets.UTF_8);
        ari.post("channels?endpoint=" + endpoint + "&context=caller-wait&extension=s&priority=1&formats=ulaw,alaw");

        JsonNode start = ari.next(e -> "StasisStart".equals(e.path("type").asText())
                && number.equals(e.path("args").path(0).asText()));
        String channel = start.path("channel").path("id").asText();
        assertThat(start.path("application").asText()).isEqualTo(AriSession.APP);

        assertThat(ari.delete("channels/" + channel).statusCode()).isEqualTo(204);

        ari.next(about("StasisEnd", channel));
    }
}
