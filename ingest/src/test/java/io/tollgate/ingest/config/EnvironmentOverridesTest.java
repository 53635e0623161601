package io.tollgate.ingest.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment (passed in as a map, never the process's own) wins over the file, and is checked like it. */
class EnvironmentOverridesTest {
    private static final String SERVICES = ConfigFiles.VALID + """
            services:
              kafka: {bootstrap: "kafka-1:9092"}
              clickhouse: {url: "jdbc:clickhouse://ch:8123", database: billing, user: tollgate}
              ari: {url: "http://pbx:8088/ari/", user: agent}
              flink: {rest: "http://flink:8081"}
            """;

    @TempDir
    Path dir;

    private ConfigFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new ConfigFiles(dir);
    }

    @Test
    void withoutOverridesTheFileIsRead() throws Exception {
        ServiceAddresses s = files.load(SERVICES).services();

        assertThat(s.kafkaBootstrap()).isEqualTo("kafka-1:9092");
        assertThat(s.clickhouse().url()).isEqualTo("jdbc:clickhouse://ch:8123");
        assertThat(s.clickhouse().database()).isEqualTo("billing");
        assertThat(s.clickhouse().user()).isEqualTo("tollgate");
        assertThat(s.ari().url()).isEqualTo(URI.create("http://pbx:8088/ari/"));
        assertThat(s.ari().user()).isEqualTo("agent");
        assertThat(s.flinkRest()).isEqualTo(URI.create("http://flink:8081"));
        assertThat(s.clickhouse().password().isSet()).isFalse();
        assertThat(s.ari().password().reveal()).isEmpty();
    }

    @Test
    void everyOverrideWinsOverTheFile() throws Exception {
        Map<String, String> env = Map.of(
                "TOLLGATE_KAFKA_BOOTSTRAP", "10.0.0.1:9092,10.0.0.2:9092",
                "TOLLGATE_CLICKHOUSE_URL", "jdbc:clickhouse://10.0.0.3:8123",
                "TOLLGATE_CLICKHOUSE_DATABASE", "tollgate_prod",
                "TOLLGATE_CLICKHOUSE_USER", "writer",
                "TOLLGATE_CLICKHOUSE_PASSWORD", "ch-s3cret",
                "TOLLGATE_ARI_URL", "https://pbx.example.net/ari/",
                "TOLLGATE_ARI_USER", "agent-7",
                "TOLLGATE_ARI_PASSWORD", "ari-s3cret",
                "TOLLGATE_FLINK_REST", "http://10.0.0.4:8081");

        ServiceAddresses s = files.load(SERVICES, env).services();

        assertThat(s.kafkaBootstrap()).isEqualTo("10.0.0.1:9092,10.0.0.2:9092");
        assertThat(s.clickhouse().url()).isEqualTo("jdbc:clickhouse://10.0.0.3:8123");
        assertThat(s.clickhouse().database()).isEqualTo("tollgate_prod");
        assertThat(s.clickhouse().user()).isEqualTo("writer");
        assertThat(s.clickhouse().password().reveal()).isEqualTo("ch-s3cret");
        assertThat(s.ari().url()).isEqualTo(URI.create("https://pbx.example.net/ari/"));
        assertThat(s.ari().user()).isEqualTo("agent-7");
        assertThat(s.ari().password().reveal()).isEqualTo("ari-s3cret");
        assertThat(s.ari().password().origin()).isEqualTo("$TOLLGATE_ARI_PASSWORD");
        assertThat(s.flinkRest()).isEqualTo(URI.create("http://10.0.0.4:8081"));
        assertThat(EnvironmentOverrides.ALL).containsExactlyInAnyOrderElementsOf(env.keySet());
    }

    @Test
    void aBlankVariableCountsAsUnset() throws Exception {
        assertThat(files.load(SERVICES, Map.of("TOLLGATE_KAFKA_BOOTSTRAP", " ")).services().kafkaBootstrap())
                .isEqualTo("kafka-1:9092");
    }

    @Test
    void withNeitherTheLocalStacksDefaultsApply() throws Exception {
        ServiceAddresses s = files.load(ConfigFiles.VALID).services();

        assertThat(s.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(s.clickhouse().url()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123");
        assertThat(s.clickhouse().database()).isEqualTo("tollgate");
        assertThat(s.clickhouse().user()).isEqualTo("default");
        assertThat(s.ari().url()).isEqualTo(URI.create("http://127.0.0.1:8088/ari/"));
        assertThat(s.ari().user()).isEqualTo("tollgate");
        assertThat(s.flinkRest()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    }

    @Test
    void aBadOverrideIsNamedByItsVariableAndTheFileIsStillChecked() throws Exception {
        String badFile = SERVICES.replace("kafka-1:9092", "kafka-1");

        assertThat(files.problems(badFile, Map.of("TOLLGATE_KAFKA_BOOTSTRAP", "10.0.0.1:9092",
                "TOLLGATE_FLINK_REST", "flink:8081"))).containsExactly(
                "26: services.kafka.bootstrap: must be host:port, or several separated by commas, got 'kafka-1'",
                "env: TOLLGATE_FLINK_REST: must be an http or https URL, like http://127.0.0.1:8081, got 'flink:8081'");
    }

    @Test
    void aPasswordComesFromAFileNamedRelativeToTheConfiguration() throws Exception {
        Files.writeString(dir.resolve("ari-password"), "from-file\n");
        String withFile = SERVICES.replace("user: agent}", "user: agent, password_file: ari-password}");

        assertThat(files.load(withFile).services().ari().password().reveal()).isEqualTo("from-file");
        assertThat(files.load(withFile, Map.of("TOLLGATE_ARI_PASSWORD", "from-env")).services().ari().password().reveal())
                .isEqualTo("from-env");
        assertThat(files.problems(withFile.replace("ari-password}", "no-such-password}"))).containsExactly(
                "28: services.ari.password_file: no such password file: " + dir.resolve("no-such-password"));
    }
}
