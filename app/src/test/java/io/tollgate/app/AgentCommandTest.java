package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What `tollgate agent` says before it connects to anything; the agent itself is tested on the stack. */
class AgentCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpNamesTheConfigurationTheEventBufferAndTheStopCauses() {
        CommandRun run = CommandRun.of("agent", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--config", "--event-buffer", "--stop-causes", "16,17,18,19,21", "/health");
    }

    @Test
    void aMissingConfigurationIsBadInputNamingTheFile() {
        Path missing = dir.resolve("nowhere.yaml");

        CommandRun run = CommandRun.of("agent", "--config", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere.yaml");
    }

    @Test
    void aBadHttpAddressIsBadInput() throws Exception {
        Path config = dir.resolve("tollgate.yaml");
        Files.writeString(config, "customers: []\nvendors: []\n");

        CommandRun run = CommandRun.of("agent", "--config", config.toString(), "--http", "9464");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--http", "HOST:PORT");
    }
}
