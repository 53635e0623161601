package io.tollgate.agent;

import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;

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
        LocalStack.ariUri();
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
                    limits: {concurrent_calls: 400, cps: 400, credit: 1000.00}
                    endpoints: [customer]
                    deck: %s
                vendors:
                %s
                services:
                  kafka: {bootstrap: "%s"}
                  ari: {url: "%s", user: %s}
                """.formatted(customer, examples.resolve("customers/wholesale-eur.csv"),
                vendor("vendor-a", examples) + vendor("vendor-b", examples) + vendor("vendor-c", examples),
                bootstrap, LocalStack.ariUri(), LocalStack.ariUser()));
        config = TollgateConfig.load(configFile, Map.of("TOLLGATE_ARI_PASSWORD", LocalStack.ariPassword()));
    }

    private static String vendor(String id, Path examples) {
        return """
                  - id: %s
                    name: %s
                    currency: EUR
                    trunks: [{endpoint: %s, capacity: 300}]
                    deck: %s
                """.formatted(id, id, id, examples.resolve("vendors/" + id + ".csv"));
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
