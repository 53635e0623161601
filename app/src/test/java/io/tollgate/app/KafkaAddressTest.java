package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One precedence for every command that talks to Kafka, as for ClickHouse: --bootstrap, else
 * $TOLLGATE_KAFKA_BOOTSTRAP, else the configuration's services.kafka.bootstrap, else 127.0.0.1:9092. The environment
 * is passed in, so what the machine running the tests has set does not matter; no Kafka is needed.
 */
class KafkaAddressTest {
    private static final Map<String, String> NO_ENV = Map.of();
    private static final String PROD = "kafka1.prod.example:9092,kafka2.prod.example:9092";

    @TempDir
    Path dir;

    private static KafkaAddress options(String... args) {
        return CommandLine.populateCommand(new KafkaAddress(), args);
    }

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("tollgate.yaml"), text);
    }

    private Path production() throws IOException {
        return config("services:\n  kafka:\n    bootstrap: " + PROD + "\n");
    }

    @Test
    void theConfigurationsBootstrapIsUsedWhenNoOptionOrVariableGivesIt() throws Exception {
        assertThat(options().resolve(production(), NO_ENV)).isEqualTo(PROD);
    }

    @Test
    void theOptionWinsOverTheFile() throws Exception {
        assertThat(options("--bootstrap", "127.0.0.1:19092").resolve(production(), NO_ENV)).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void theVariableWinsOverTheFileAndTheOptionOverTheVariable() throws Exception {
        Path file = production();
        Map<String, String> env = Map.of("TOLLGATE_KAFKA_BOOTSTRAP", " ci-kafka:9092 ");

        assertThat(options().resolve(file, env)).isEqualTo("ci-kafka:9092");
        assertThat(options().resolve(file, Map.of("TOLLGATE_KAFKA_BOOTSTRAP", " ")))
                .as("a blank variable counts as unset").isEqualTo(PROD);
        assertThat(options("--bootstrap", "127.0.0.1:19092").resolve(file, env)).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void aFileWithoutServicesAndNoFileAtAllGiveTheVariableElseTheDefault() throws Exception {
        Path empty = config("customers: []\n");
        Map<String, String> env = Map.of("TOLLGATE_KAFKA_BOOTSTRAP", "from-env:9092");

        for (Path file : new Path[] {empty, null}) {
            assertThat(options().resolve(file, NO_ENV)).isEqualTo("127.0.0.1:9092");
            assertThat(options().resolve(file, env)).isEqualTo("from-env:9092");
            assertThat(options().resolve(file, Map.of("TOLLGATE_KAFKA_BOOTSTRAP", ""))).isEqualTo("127.0.0.1:9092");
        }
    }

    @Test
    void anInvalidConfigurationIsRefusedNamingFileLineAndFieldEvenUnderTheOption() throws IOException {
        Path bad = config("""
                services:
                  kafka:
                    bootstrap: no port here
                """);

        assertThatThrownBy(() -> options("--bootstrap", "127.0.0.1:9092").resolve(bad, NO_ENV))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("tollgate.yaml:3: field 'services.kafka.bootstrap'");
        assertThatThrownBy(() -> options().resolve(dir.resolve("missing.yaml"), NO_ENV))
                .isInstanceOf(BadInputException.class).hasMessageContaining("missing.yaml");
    }

    @Test
    void aCommandsOwnConfigurationIsTheOneItReaches() throws Exception {
        assumeTrue(System.getenv("TOLLGATE_KAFKA_BOOTSTRAP") == null, "$TOLLGATE_KAFKA_BOOTSTRAP would win over the file");
        Path file = production();

        assertThat(options().configuredBy(file).bootstrap()).isEqualTo(PROD);
        assertThat(options("--bootstrap", "127.0.0.1:19092").configuredBy(file).bootstrap()).isEqualTo("127.0.0.1:19092");
    }

    /** The Kafka address of the command {@code args} name, as picocli fills it in for that command line. */
    private static KafkaAddress addressOf(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Tollgate()).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        for (CommandLine.Model.CommandSpec mixin : parsed.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof KafkaAddress address) {
                return address;
            }
        }
        return null;
    }

    private static String[] with(String[] command, String... extra) {
        String[] all = Arrays.copyOf(command, command.length + extra.length);
        System.arraycopy(extra, 0, all, command.length, extra.length);
        return all;
    }

    @Test
    void everyCommandWithBootstrapTakesTheFilesAddressUnlessTheOptionSaysOtherwise() throws Exception {
        Path file = production();
        String[][] commands = {
            {"deck", "import", "--owner", "vendor:v", "--file", "deck.csv"},
            {"cdr", "import", "--vendor", "v", "--file", "cdrs.csv", "--format", "generic"},
        };
        for (String[] command : commands) {
            String name = String.join(" ", command);
            KafkaAddress plain = addressOf(command);
            assertThat(plain).as(name).isNotNull();
            assertThat(plain.resolve(file, NO_ENV)).as(name).isEqualTo(PROD);
            assertThat(addressOf(with(command, "--bootstrap", "127.0.0.1:19092")).resolve(file, NO_ENV)).as(name)
                    .isEqualTo("127.0.0.1:19092");
        }
    }

    /** {@code tollgate topics}' own --bootstrap and --config, inherited by its subcommands. */
    private static TopicsCommand topics(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Tollgate()).parseArgs(args);
        return (TopicsCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void theTopicsCommandsFollowTheSamePrecedenceWithTheirOwnConfig() throws Exception {
        String file = production().toString();
        Map<String, String> env = Map.of("TOLLGATE_KAFKA_BOOTSTRAP", "ci-kafka:9092",
                "TOLLGATE_CONFIG", dir.resolve("elsewhere.yaml").toString());

        for (String sub : new String[] {"create", "list", "describe"}) {
            assertThat(topics("topics", sub, "--config", file).bootstrap(NO_ENV)).as(sub).isEqualTo(PROD);
            assertThat(topics("topics", sub, "--config", file).bootstrap(env)).as(sub).isEqualTo("ci-kafka:9092");
            assertThat(topics("topics", sub, "--config", file, "--bootstrap", "127.0.0.1:19092").bootstrap(env))
                    .as(sub).isEqualTo("127.0.0.1:19092");
        }
        assertThat(topics("topics", "list").bootstrap(Map.of("TOLLGATE_CONFIG", file))).isEqualTo(PROD);
    }

    @Test
    void helpNamesTheVariableThenTheConfigurationThenTheDefault() {
        String expected = compact("Kafka bootstrap servers (default: $TOLLGATE_KAFKA_BOOTSTRAP, else the"
                + " configuration's services.kafka.bootstrap, else 127.0.0.1:9092)");
        for (String[] command : new String[][] {{"deck", "import"}, {"cdr", "import"}, {"topics", "list"}}) {
            CommandRun run = CommandRun.of(with(command, "--help"));

            assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(compact(run.out())).as(String.join(" ", command)).contains(expected);
        }
    }

    /** Help wraps lines anywhere: compared without any white space. */
    private static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }
}
