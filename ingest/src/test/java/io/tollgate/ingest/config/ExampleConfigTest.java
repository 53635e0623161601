package io.tollgate.ingest.config;

import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The tollgate.yaml shipped at the root of the checkout, for the demo against the local stack. */
class ExampleConfigTest {
    private static final Path ROOT = LocalStack.checkout();
    private static final Pattern ENDPOINT = Pattern.compile("(?m)^\\[([A-Za-z0-9_-]+)]\\(loopback-endpoint\\)");

    @Test
    void theExampleLoadsWithTheLocalStacksDefaults() throws Exception {
        TollgateConfig config = TollgateConfig.load(ROOT.resolve("tollgate.yaml"), Map.of());

        assertThat(config.customers()).extracting(Customer::id).containsExactly("acme", "globex", "initech");
        assertThat(config.vendors()).extracting(Vendor::id).containsExactly("vendor-a", "vendor-b", "vendor-c");
        assertThat(config.customerAt("customer")).map(Customer::id).contains("acme");
        assertThat(config.services().kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.services().ari().password().isSet()).isFalse();
        for (Customer c : config.customers()) {
            assertThat(c.deck()).isInstanceOfSatisfying(DeckRef.DeckFile.class,
                    d -> assertThat(d.path()).isRegularFile());
        }
    }

    @Test
    void itsTrunksAndCustomerEndpointAreTheLocalAsterisks() throws Exception {
        TollgateConfig config = TollgateConfig.load(ROOT.resolve("tollgate.yaml"), Map.of());
        Set<String> pjsip = endpoints(ROOT.resolve("infra/asterisk/conf/pjsip.conf"));

        Set<String> trunks = config.vendors().stream().flatMap(v -> v.trunks().stream()).map(Trunk::endpoint)
                .collect(Collectors.toSet());
        assertThat(trunks).containsExactlyInAnyOrder("vendor-a", "vendor-b", "vendor-c");
        assertThat(pjsip).containsAll(trunks).contains("customer");
    }

    private static Set<String> endpoints(Path pjsipConf) throws IOException {
        Matcher m = ENDPOINT.matcher(Files.readString(pjsipConf));
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }
}
