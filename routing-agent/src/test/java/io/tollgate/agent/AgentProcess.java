package io.tollgate.agent;

import io.tollgate.ingest.config.TollgateConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A routing agent in a JVM of its own, for tests that kill it: {@code AgentProcess CONFIG AGENT-ID}. Prints
 * {@code ready} once it serves calls. The ARI password comes from the environment, as in production.
 */
public final class AgentProcess {
    private AgentProcess() {
    }

    public static void main(String[] args) throws Exception {
        TollgateConfig config = TollgateConfig.load(Path.of(args[0]));
        RoutingAgent agent = RoutingAgent.start(config, AgentOptions.defaults().withAgentId(args[1]).withHttpPort(0)
                .withLongestCall(Duration.ofMinutes(5)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!agent.connected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println(agent.connected() ? "ready" : "not connected");
        System.out.flush();
        Thread.currentThread().join();
    }
}
