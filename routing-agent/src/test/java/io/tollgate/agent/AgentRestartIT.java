package io.tollgate.agent;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.ingest.testing.AriSession;
import io.tollgate.ingest.testing.Caller;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.tollgate.agent.AgentFixture.PATIENCE;
import static io.tollgate.agent.AgentScenariosIT.waitFor;
import static io.tollgate.core.cdr.CallEvent.Type.ANSWER;
import static io.tollgate.core.cdr.CallEvent.Type.ATTEMPT;
import static io.tollgate.core.cdr.CallEvent.Type.END;
import static io.tollgate.core.cdr.CallEvent.Type.SETUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent is killed (SIGKILL, its own JVM) with a call up, and started again: the new one finds the killed
 * one's customer leg, vendor leg and bridge on the real Asterisk, clears them, and closes the call's event stream.
 */
class AgentRestartIT {
    @TempDir
    Path dir;

    @Test
    void afterAKillAndARestartNoOrphanRemainsAndTheCallsEventsAreClosed() throws Exception {
        AgentFixture fixture = new AgentFixture(dir);
        String agentId = "rs" + UUID.randomUUID().toString().substring(0, 6);
        ChannelIds ids = new ChannelIds(agentId);
        try (CallEventsTap tap = new CallEventsTap(fixture.bootstrap); Caller caller = new Caller();
             AriSession ari = new AriSession("tollgate-observer-" + agentId)) {
            Process killed = startProcess(fixture, agentId);
            String call;
            String leg;
            try {
                String number = AgentFixture.unique("28059");
                leg = caller.dial(number);
                caller.awaitAnswered(leg);
                call = tap.callTo(number, PATIENCE);
                tap.await(call, ANSWER, PATIENCE);
            } finally {
                killed.destroyForcibly().waitFor();
            }
            assertThat(ourThings(ari, ids, call)).as("left behind by the killed agent").isNotEmpty();

            try (RoutingAgent restarted = RoutingAgent.start(fixture.config,
                    fixture.options(Duration.ofMinutes(5)).withAgentId(agentId))) {
                waitFor(() -> ourThingsQuietly(ari, ids, call).isEmpty(), "the sweeper to clear the killed agent's call");
                caller.awaitDestroyed(leg);

                List<CallEvent> events = tap.ended(call, PATIENCE);
                assertThat(events).extracting(CallEvent::type).containsSubsequence(SETUP, ATTEMPT, ANSWER, END);
                CallEvent end = events.get(events.size() - 1);
                assertThat(end.seq()).isEqualTo(CallControl.SWEEPER_SEQ);
                assertThat(end.cause()).isEqualTo(CallControl.SWEPT_CAUSE);
                assertThat(end.customer()).isEqualTo(fixture.customer);
                assertThat(restarted.sweep()).isEqualTo(io.tollgate.agent.ari.OrphanSweeper.Swept.NOTHING);
            }
        }
    }

    /** The ids of channels and bridges on the switch that belong to the call or carry the agent's prefix. */
    private static List<String> ourThings(AriSession ari, ChannelIds ids, String call) throws Exception {
        List<String> found = new java.util.ArrayList<>();
        for (String kind : List.of("channels", "bridges")) {
            for (var item : new com.fasterxml.jackson.databind.ObjectMapper().readTree(ari.send(kind, "GET").body())) {
                String id = item.path("id").asText();
                if (id.equals(call) || ids.ours(id)) {
                    found.add(kind + "/" + id);
                }
            }
        }
        return found;
    }

    private static List<String> ourThingsQuietly(AriSession ari, ChannelIds ids, String call) {
        try {
            return ourThings(ari, ids, call);
        } catch (Exception e) {
            return List.of("unknown: " + e);
        }
    }

    private static Process startProcess(AgentFixture fixture, String agentId) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentProcess.class.getName(),
                fixture.configFile.toString(), agentId).redirectErrorStream(true);
        builder.environment().put("TOLLGATE_ARI_PASSWORD", LocalStack.ariPassword());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("ready")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "agent-process-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the agent process ended before it was ready:\n" + seen);
    }
}
