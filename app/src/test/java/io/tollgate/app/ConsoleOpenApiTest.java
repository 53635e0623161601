package io.tollgate.app;

import io.tollgate.app.console.AuditLog;
import io.tollgate.app.console.ConsoleServer;
import io.tollgate.app.console.ConsoleSettings;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint serve's console registers is described in openapi.yaml, and nothing there is left over. */
class ConsoleOpenApiTest {
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|post|put|delete|patch):\\s*$");

    @Test
    void everyRegisteredRouteIsInTheOpenApiDocument() throws Exception {
        TollgateConfig config = TollgateConfig.load(LocalStack.checkout().resolve("tollgate.yaml"));
        ClickHouseDatabase database = ClickHouseDatabase.of(config.services().clickhouse());
        try (InstructionPublisher publisher = InstructionPublisher.connect(config.services().kafkaBootstrap());
             ConsoleServer server = new ConsoleServer(new ConsoleSettings("127.0.0.1", 0, Map.of()),
                     new AuditLog(database), ServeCommand.sections(config, database, publisher))) {
            Set<String> documented = documented();
            assertThat(server.routes()).isNotEmpty().allSatisfy(route -> assertThat(documented).contains(route));
            assertThat(documented).as("documented but not served").allSatisfy(op -> assertThat(server.routes())
                    .contains(op));
        }
    }

    /** {@code METHOD /path} of each operation of the document. */
    static Set<String> documented() throws Exception {
        String text;
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/io/tollgate/app/console/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the classpath").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> operations = new HashSet<>();
        String path = null;
        for (String line : text.lines().toList()) {
            Matcher p = PATH.matcher(line);
            Matcher m = METHOD.matcher(line);
            if (p.matches()) {
                path = p.group(1);
            } else if (!line.startsWith("  ") && !line.isBlank()) {
                path = null;
            } else if (path != null && m.matches()) {
                operations.add(m.group(1).toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return operations;
    }
}
