package io.tollgate.agent.ari;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.sim.SwitchSim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's event filter on the switch simulator: set once per connection, set again after the switch lost it. */
class EventFilterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults());
    private final AriHttp http = new AriHttp("http://127.0.0.1:" + sim.port() + "/", "tollgate", "tollgate");
    private final EventFilter filter = new EventFilter(http, "tollgate", List.of("StasisStart", "ChannelDestroyed"));
    private WebSocket events;

    @AfterEach
    void stop() {
        events.abort();
        http.destroy();
        sim.stop();
    }

    private void connect() throws Exception {
        events = SimApplication.hold(sim, "tollgate");
    }

    private JsonNode allowed() throws Exception {
        return http.get("/applications/tollgate", JSON::readTree).path("events_allowed");
    }

    @Test
    void theSwitchIsAskedForTheListedTypes() throws Exception {
        connect();
        filter.apply();

        assertThat(allowed().findValuesAsText("type")).containsExactly("StasisStart", "ChannelDestroyed");
    }

    @Test
    void aSwitchThatLostItsApplicationsIsAskedAgainOnceTheConnectionIsNew() throws Exception {
        connect();
        filter.apply();
        sim.faults().restart(); // Asterisk restarted: the application comes back without a filter
        events.abort();
        connect();

        filter.apply();
        assertThat(allowed()).as("no new connection noted: not asked again").isEmpty();
        filter.forget();
        filter.apply();
        assertThat(allowed().findValuesAsText("type")).containsExactly("StasisStart", "ChannelDestroyed");
    }
}
