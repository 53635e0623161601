package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs every {@link Scenario} against the local stack's real Asterisk (infra/stack up asterisk) and checks that it
 * still produces the recorded event sequences the simulator is held to ({@code src/test/resources/recorded}).
 * With {@code -Dsimrec.write=true} it records instead: each scenario three times, every distinct sequence kept
 * (added to what is recorded already); {@code -Dsimrec.only=a,b} picks scenarios by name.
 *
 * <p>Customer scenarios hold Stasis app {@code tollgate}, which only one client may hold, and a routing agent under
 * test holds it too: they run only with {@code -Dsimrec.customer=true}, to be given when no agent is connected.
 * The others use application names of their own ({@code simrec-...}) and disturb nobody.
 */
class AsteriskRecordingIT {
    private static final boolean WRITE = Boolean.getBoolean("simrec.write");
    private static final boolean CUSTOMER = Boolean.getBoolean("simrec.customer");
    private static final int TRIES = 5;

    @TestFactory
    Stream<DynamicTest> asteriskStillBehavesAsRecorded() {
        URI ari = URI.create(env("TOLLGATE_ARI_URL", "http://127.0.0.1:8088/ari/"));
        assertThat(answers(ari)).as("Asterisk ARI at " + ari + " (start it with: infra/stack up asterisk)").isTrue();
        AriTestClient client = new AriTestClient(ari, env("TOLLGATE_ARI_USER", "tollgate"),
                env("TOLLGATE_ARI_PASSWORD", "tollgate"));
        List<String> only = List.of(System.getProperty("simrec.only", "").split(","));
        return Scenario.all().stream().filter(s -> only.equals(List.of("")) || only.contains(s.name()))
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> check(client, s)));
    }

    @org.junit.jupiter.api.Test
    void asteriskStillAnswersRequestsAsRecorded() throws Exception {
        URI ari = URI.create(env("TOLLGATE_ARI_URL", "http://127.0.0.1:8088/ari/"));
        assertThat(answers(ari)).as("Asterisk ARI at " + ari + " (start it with: infra/stack up asterisk)").isTrue();
        AriTestClient client = new AriTestClient(ari, env("TOLLGATE_ARI_USER", "tollgate"),
                env("TOLLGATE_ARI_PASSWORD", "tollgate"));
        List<JsonNode> answers = RestAnswers.run(client);
        if (WRITE) {
            Fixture.save(new Fixture.Recording(RestAnswers.NAME, "Asterisk " + version(client)
                    + " on the local stack (infra/stack): answers to ARI requests", List.of(answers)));
            return;
        }
        Fixture.Recording recorded = Fixture.load(RestAnswers.NAME);
        assertThat(recorded).as("a recording of the REST answers (record with -Dsimrec.write=true)").isNotNull();
        assertThat(answers).isEqualTo(recorded.variants().get(0));
    }

    private static void check(AriTestClient client, Scenario scenario) throws Exception {
        assumeTrue(!scenario.customerCalls() || CUSTOMER,
                "needs Stasis app tollgate: run with -Dsimrec.customer=true while no routing agent is connected");
        Fixture.Recording recorded = Fixture.load(scenario.name());
        if (WRITE) {
            List<List<JsonNode>> variants = new ArrayList<>(recorded == null ? List.of() : recorded.variants());
            for (int i = 0; i < TRIES; i++) {
                List<JsonNode> run = run(client, scenario);
                boolean known = variants.stream().anyMatch(v -> Fixture.differences(
                        new Fixture.Recording(scenario.name(), "", List.of(v)), run).isEmpty());
                if (!known) {
                    variants.add(run);
                }
            }
            Fixture.save(new Fixture.Recording(scenario.name(), "Asterisk " + version(client)
                    + " on the local stack (infra/stack): " + scenario.description(), variants));
            return;
        }
        assertThat(recorded).as("a recording of " + scenario.name() + " (record with -Dsimrec.write=true)").isNotNull();
        List<String> problems = List.of();
        for (int i = 0; i < TRIES; i++) {
            // Asterisk races within a channel now and then (Ringing vs Dial RINGING): another run settles it
            problems = Fixture.differences(recorded, run(client, scenario));
            if (problems.isEmpty()) {
                return;
            }
        }
        assertThat(problems).as("Asterisk's events for " + scenario.name() + " differ from the recording").isEmpty();
    }

    private static List<JsonNode> run(AriTestClient client, Scenario scenario) {
        try (ScenarioRun run = new ScenarioRun(client, scenario.customerCalls())) {
            scenario.steps().run(run);
            return run.normalised(run.finish());
        }
    }

    private static String version(AriTestClient client) {
        return client.ok("GET", "asterisk/info?only=system").json().path("system").path("version").asText();
    }

    private static boolean answers(URI ari) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ari.getHost(), ari.getPort()), 2000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
