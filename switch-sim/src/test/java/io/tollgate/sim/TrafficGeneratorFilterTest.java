package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.sim.traffic.GroundTruth;
import io.tollgate.sim.traffic.TrafficGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The traffic generator asks the switch for the only two event types it reads. */
class TrafficGeneratorFilterTest {
    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults());
    private final AriTestClient ari = AriTestClient.of(sim);

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void itsApplicationLetsThroughOnlyWhatItReads(@TempDir Path dir) throws Exception {
        try (GroundTruth truth = GroundTruth.open(dir.resolve("truth.csv"), null);
             TrafficGenerator generator = new TrafficGenerator(new TrafficGenerator.Settings(sim.ariUri(), "tollgate",
                     "tollgate", 1, Duration.ofSeconds(1), 1), truth)) {
            generator.start(List.of());

            JsonNode apps = ari.ok("GET", "applications").json();
            assertThat(apps).hasSize(1);
            assertThat(apps.get(0).path("events_allowed").findValuesAsText("type"))
                    .containsExactly("ChannelStateChange", "ChannelDestroyed");
        }
    }
}
