package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator answers ARI requests with the status and body Asterisk 22 gave (recorded by {@link AsteriskRecordingIT}). */
class RestAnswersTest {

    @Test
    void errorsAndStatusesAreAsteriskOwn() {
        Fixture.Recording recorded = Fixture.load(RestAnswers.NAME);
        assertThat(recorded).isNotNull();
        List<JsonNode> expected = recorded.variants().get(0);
        List<JsonNode> actual;
        try (SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults())) {
            actual = RestAnswers.run(AriTestClient.of(sim));
            assertThat(sim.channels()).as("channels left").isZero();
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                differences.add(expected.get(i) + "\n     simulator: " + actual.get(i));
            }
        }
        assertThat(differences).isEmpty();
    }
}
