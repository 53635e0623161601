package io.tollgate.app;

import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.DeckRef;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.config.Vendor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration a load test gives its agent: the vendors, decks and Kafka of the operator's tollgate.yaml,
 * one customer ({@code loadtest}, on the simulator's customer endpoint) with the given customer's deck and limits
 * above the test's rate, and trunks wide enough for its concurrency, so that what is measured is the agent, not
 * a limit.
 */
final class LoadtestConfig {
    static final String CUSTOMER = "loadtest";

    private LoadtestConfig() {
    }

    static Path write(TollgateConfig source, Customer priced, int concurrency, double cps, Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                customers:
                  - id: %s
                    name: Load test
                    address: {lines: [Load test], country: DE}
                    currency: %s
                    time_zone: UTC
                    billing_cycle: monthly
                    tax_profile: {kind: exempt}
                    limits: {concurrent_calls: %d, cps: %d, credit: 1000000000}
                    endpoints: [customer]
                    deck: %s
                vendors:
                """.formatted(CUSTOMER, priced.currency(), concurrency + 1000, (int) Math.ceil(cps * 4) + 100,
                deck(priced.deck())));
        for (Vendor v : source.vendors()) {
            yaml.append("""
                      - id: %s
                        name: %s
                        currency: %s
                        trunks: [%s]
                        deck: %s
                    """.formatted(v.id(), v.id(), v.currency(), String.join(", ", v.trunks().stream()
                    .map(t -> "{endpoint: " + t.endpoint() + ", capacity: " + (concurrency + 1000) + "}").toList()),
                    deck(v.deck())));
        }
        yaml.append("services:\n  kafka: {bootstrap: \"").append(source.services().kafkaBootstrap()).append("\"}\n");
        Path file = dir.resolve("loadtest.yaml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    private static String deck(DeckRef ref) {
        return ref instanceof DeckRef.DeckFile f ? "\"" + f.path().toAbsolutePath() + "\"" : ((DeckRef.DeckId) ref).id();
    }
}
