package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator against the real Asterisk: every {@link Scenario} is run on a simulator of its own and its events
 * must equal what the local stack's Asterisk 22 sent for the same steps ({@code src/test/resources/recorded}, made
 * by {@link AsteriskRecordingIT}): the same events, in the same order per channel, field for field, with ids and
 * times aside. The scenarios run side by side, each on its own simulator, so the suite takes as long as the
 * longest one (a few seconds of vendor talk time).
 */
class RecordedSequencesTest {

    @TestFactory
    Stream<DynamicTest> theSimulatorSendsWhatAsteriskSent() {
        List<Scenario> scenarios = Scenario.all();
        ExecutorService pool = Executors.newFixedThreadPool(scenarios.size());
        Map<Scenario, CompletableFuture<List<JsonNode>>> runs = new LinkedHashMap<>();
        for (Scenario scenario : scenarios) {
            runs.put(scenario, CompletableFuture.supplyAsync(() -> runOnSimulator(scenario), pool));
        }
        pool.shutdown();
        return runs.entrySet().stream().map(run -> DynamicTest.dynamicTest(run.getKey().name(), () -> {
            Fixture.Recording recorded = Fixture.load(run.getKey().name());
            assertThat(recorded).as("a recording of " + run.getKey().name()).isNotNull();
            List<JsonNode> events = run.getValue().join();
            assertThat(Fixture.differences(recorded, events))
                    .as(run.getKey().name() + ": " + run.getKey().description()).isEmpty();
        }));
    }

    private static List<JsonNode> runOnSimulator(Scenario scenario) {
        try (SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults());
             ScenarioRun run = new ScenarioRun(AriTestClient.of(sim), scenario.customerCalls())) {
            scenario.steps().run(run);
            List<JsonNode> events = run.normalised(run.finish());
            assertThat(sim.channels()).as("channels left by " + scenario.name()).isZero();
            return events;
        }
    }
}
