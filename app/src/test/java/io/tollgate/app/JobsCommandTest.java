package io.tollgate.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What `tollgate jobs` decides from its arguments alone; submitting, listing and cancelling on a cluster: JobsCommandIT. */
class JobsCommandTest {
    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void configurationWithNoFlinkListening() throws Exception {
        // port 1: nothing listens there, so a command that reaches for the cluster fails at once
        config = Files.writeString(dir.resolve("tollgate.yaml"),
                "customers: []\nvendors: []\nservices:\n  flink:\n    rest: http://127.0.0.1:1\n");
    }

    @Test
    void helpNamesTheFourCommands() {
        CommandRun run = CommandRun.of("jobs", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("run", "submit", "list", "cancel");
    }

    @Test
    void runAndSubmitHelpShowEveryJobOption() {
        for (String command : List.of("run", "submit")) {
            CommandRun run = CommandRun.of("jobs", command, "--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("--config");
        }
        assertThat(CommandRun.of("jobs", "run", "--help").out())
                .contains("--topic-prefix", "--clickhouse-database", "--checkpoints", "Ctrl-C");
        assertThat(CommandRun.of("jobs", "submit", "--help").out())
                .contains("--jar", "--parallelism", "execution.checkpointing.dir");
    }

    @Test
    void anUnknownJobOptionIsBadInputNamingIt() {
        CommandRun run = CommandRun.of("jobs", "run", "--config", config.toString(), "--grase", "PT5S");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option --grase", "--grace PT10S");
    }

    @Test
    void aBadJobOptionValueIsBadInput() {
        CommandRun from = CommandRun.of("jobs", "run", "--config", config.toString(), "--from", "yesterday");
        CommandRun grace = CommandRun.of("jobs", "submit", "--config", config.toString(), "--grace", "5s");
        CommandRun rows = CommandRun.of("jobs", "run", "--config", config.toString(), "--block-rows", "0");

        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(from.err()).contains("--from must be earliest or latest, got 'yesterday'");
        assertThat(grace.exitCode()).isEqualTo(2);
        assertThat(grace.err()).contains("--grace must be an ISO-8601 duration");
        assertThat(rows.exitCode()).isEqualTo(2);
        assertThat(rows.err()).contains("--block-rows must be a whole number above 0, got '0'");
    }

    @Test
    void aMissingConfigurationIsBadInputNamingTheFile() {
        CommandRun run = CommandRun.of("jobs", "run", "--config", dir.resolve("nowhere.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere.yaml");
    }

    @Test
    void aMissingJarIsBadInputBeforeTheClusterIsAsked() {
        CommandRun run = CommandRun.of("jobs", "submit", "--config", config.toString(), "--jar",
                dir.resolve("missing.jar").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--jar", "missing.jar: no such file");
    }

    @Test
    void theJobGetsTheConfigurationByItsAbsolutePathAndTheOptionsAsGiven() {
        Path relative = Path.of("conf/tollgate.yaml");

        List<String> args = JobsCommand.programArgs(relative.toAbsolutePath(), List.of("--grace", "PT5S"));

        assertThat(args).containsExactly("--config", relative.toAbsolutePath().toString(), "--grace", "PT5S");
        assertThat(Path.of(args.get(1))).isAbsolute();
    }

    @Test
    void cancelRefusesWhatIsNotAJobId() {
        CommandRun run = CommandRun.of("jobs", "cancel", "--config", config.toString(), "my-job");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'my-job' is not a Flink job id");
    }

    @Test
    void aClusterThatDoesNotAnswerFailsWithHowToStartIt() {
        CommandRun list = CommandRun.of("jobs", "list", "--config", config.toString());
        CommandRun cancel = CommandRun.of("jobs", "cancel", "--config", config.toString(),
                "f9e102a30d4ee07071d142befdbd341d");

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).contains("http://127.0.0.1:1", "is not answering", "infra/stack up flink");
        assertThat(cancel.exitCode()).isEqualTo(1);
        assertThat(cancel.err()).contains("infra/stack up flink");
    }
}
