package io.tollgate.ingest.config;

import io.tollgate.core.csv.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A password never appears in what a configuration prints, nor in the problems it reports. */
class SecretTest {
    private static final String PASSWORD = "hunter2-d0nt-l0g-me";

    @TempDir
    Path dir;

    private ConfigFiles files;

    @BeforeEach
    void setUp() throws Exception {
        files = new ConfigFiles(dir);
    }

    @Test
    void aSecretPrintsMasked() {
        Secret secret = Secret.of(PASSWORD, "$TOLLGATE_ARI_PASSWORD");

        assertThat(secret.toString()).doesNotContain(PASSWORD).isEqualTo("****** (from $TOLLGATE_ARI_PASSWORD)");
        assertThat(Secret.unset()).hasToString("(not set)");
        assertThat(secret.reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void aLoadedConfigurationNeverPrintsItsPasswords() throws Exception {
        Files.writeString(dir.resolve("ch-password"), PASSWORD + "-ch\n");
        String yaml = ConfigFiles.VALID + "services: {clickhouse: {password_file: ch-password}}\n";

        TollgateConfig config = files.load(yaml, Map.of("TOLLGATE_ARI_PASSWORD", PASSWORD));

        assertThat(config.services().clickhouse().password().reveal()).isEqualTo(PASSWORD + "-ch");
        assertThat(config.services().ari().password().reveal()).isEqualTo(PASSWORD);
        assertThat(config.toString()).doesNotContain(PASSWORD).contains("******");
        assertThat(config.services().toString()).doesNotContain(PASSWORD);
        assertThat(config.services().ari().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordWrittenInTheFileIsRefusedWithoutEchoingIt() throws Exception {
        String yaml = ConfigFiles.VALID + "services:\n  ari:\n    password: " + PASSWORD
                + "\n    url: http://agent:" + PASSWORD + "@pbx:8088/ari/\n";

        assertThat(files.problems(yaml)).containsExactly(
                "27: services.ari.password: passwords never live in this file: give password_file, or set $TOLLGATE_ARI_PASSWORD",
                "28: services.ari.url: must not carry credentials: give the user on its own key and the password as "
                        + "password_file or an environment variable");
        Throwable thrown = catchThrowable(() -> files.load(yaml));
        assertThat(thrown).isInstanceOf(BadInputException.class);
        assertThat(thrown.getMessage()).doesNotContain(PASSWORD);
    }

    @Test
    void aBadOverrideWithCredentialsIsNotEchoedEither() throws Exception {
        Throwable thrown = catchThrowable(() -> files.load(ConfigFiles.VALID,
                Map.of("TOLLGATE_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:8123?user=x&password=" + PASSWORD)));

        assertThat(thrown).isInstanceOf(BadInputException.class);
        assertThat(thrown.getMessage()).contains("TOLLGATE_CLICKHOUSE_URL").doesNotContain(PASSWORD);
    }
}
