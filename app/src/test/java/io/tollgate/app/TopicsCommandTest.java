package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What `tollgate topics` refuses before it talks to Kafka. */
class TopicsCommandTest {

    @Test
    void aBadTopicsSectionIsBadInputNamingTheKey(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("tollgate.yaml"), "topics:\n  replication: 0\n");

        CommandRun run = CommandRun.of("topics", "create", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tollgate.yaml:2").contains("topics.replication");
    }

    @Test
    void aMissingConfigurationFileIsBadInput(@TempDir Path dir) {
        CommandRun run = CommandRun.of("topics", "list", "--config", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("none.yaml");
    }

    @Test
    void nonPositiveOptionsAreBadInput(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("tollgate.yaml"), "topics:\n  partitions: 2\n");

        CommandRun run = CommandRun.of("topics", "create", "--config", config.toString(), "--partitions", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--partitions");
    }
}
