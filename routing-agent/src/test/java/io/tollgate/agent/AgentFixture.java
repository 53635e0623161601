package io.tollgate.agent;

import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A routing agent on the local stack for integration tests: a configuration of its own whose one customer
 * ({@code it<random>}, on the stack's {@code customer} endpoint) is new on every run, so the limits and blocks a
 * test publishes on the shared, compacted instructions topic never reach another run; the local stack's three
 * vendor trunks with the example decks (vendor-c cheapest on +28, then vendor-a, then vendor-b).
 */
final class AgentFixture {
    final String customer = "it" + UUID.randomUUID().toString().substring(0, 8);
    final String bootstrap = LocalStack.kafkaBootstrap();
    final Path configFile;
    final TollgateConfig config;

    AgentFixture(Path dir) throws Exception {
        this(dir, 400, 400, 300);
    }

    /** The same with the customer's limits and every vendor trunk's capacity given (load benchmarks go higher). */
    AgentFixture(Path dir, int concurrentCalls, int cps, int trunkCapacity) throws Exception {
        this(dir, concurrentCalls, cps, trunkCapacity, LocalStack.ariUri(), LocalStack.ariUser(), LocalStack.ariPassword());
    }

    /** The same on another ARI switch (the simulator). */
    AgentFixture(Path dir, URI ari, String user, String password) throws Exception {
        this(dir, 400, 400, 300, ari, user, password);
    }

    private AgentFixture(Path dir, int concurrentCalls, int cps, int trunkCapacity, URI ari, String user,
                         String password) throws Exception {
        Files.createDirectories(dir);
        LocalStack.ensureTopics(bootstrap, Topics.CALL_EVENTS, Topics.INSTRUCTIONS, Topics.INSTRUCTION_ACKS,
                Topics.DEAD_LETTER);
        Path examples = LocalStack.checkout().resolve("examples/decks");
        configFile = dir.resolve("tollgate.yaml");
        Files.writeString(configFile, """
                customers:
                  - id: %s
                    name: Integration Test Customer
                    address: {lines: [Teststrasse 1, 10115 Berlin], country: DE}
                    currency: EUR
                    time_zone: Europe/Berlin
                    billing_cycle: monthly
                    tax_profile: {kind: exempt}
                    limits: {concurrent_calls: %d, cps: %d, credit: 1000.00}
                    endpoints: [customer]
                    deck: %s
                vendors:
                %s
                services:
                  kafka: {bootstrap: "%s"}
                  ari: {url: "%s", user: %s}
                """.formatted(customer, concurrentCalls, cps, examples.resolve("customers/wholesale-eur.csv"),
                vendor("vendor-a", examples, trunkCapacity) + vendor("vendor-b", examples, trunkCapacity)
                        + vendor("vendor-c", examples, trunkCapacity),
                bootstrap, ari, user));
        config = TollgateConfig.load(configFile, Map.of("TOLLGATE_ARI_PASSWORD", password));
    }

    private static String vendor(String id, Path examples, int capacity) {
        return """
                  - id: %s
                    name: %s
                    currency: EUR
                    trunks: [{endpoint: %s, capacity: %d}]
                    deck: %s
                """.formatted(id, id, id, capacity, examples.resolve("vendors/" + id + ".csv"));
    }

    /** An agent with a fresh id (so its channel ids never meet a previous run's), metrics on a free port. */
    RoutingAgent start(Duration longestCall) throws Exception {
        return RoutingAgent.start(config, options(longestCall));
    }

    AgentOptions options(Duration longestCall) {
        return AgentOptions.defaults()
                .withAgentId("it" + UUID.randomUUID().toString().substring(0, 6))
                .withHttpPort(0)
                .withLongestCall(longestCall)
                .withDialTimeout(Duration.ofSeconds(20));
    }

    /** A number no other call of this run dials: {@code prefix} then random digits (the vendor-sim acts on the prefix). */
    static String unique(String prefix) {
        String digits = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 1_000_000_000L);
        return prefix + "0".repeat(9 - digits.length()) + digits;
    }

    static final Duration PATIENCE = Duration.ofSeconds(30);
}
