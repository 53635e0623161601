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
 * One precedence for every command that talks to ClickHouse: option, else environment variable, else the
 * configuration's services.clickhouse, else the local stack's default. The environment is passed in, so what the
 * machine running the tests has set does not matter.
 */
class ClickHouseAddressTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @TempDir
    Path dir;

    private static ClickHouseAddress options(String... args) {
        return CommandLine.populateCommand(new ClickHouseAddress(), args);
    }

    /** Help wraps lines anywhere, even after a dot: compared without any white space. */
    private static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }

    private Path config(String services) throws IOException {
        return Files.writeString(dir.resolve("tollgate.yaml"), services);
    }

    private Path production() throws IOException {
        Files.writeString(dir.resolve("ch-password"), "pr0d-secret\n");
        return config("""
                services:
                  clickhouse:
                    url: jdbc:clickhouse://clickhouse.prod.example:8123
                    database: billing_prod
                    user: tollgate_rw
                    password_file: ch-password
                """);
    }

    @Test
    void theConfigurationsServicesClickHouseIsUsedWhenNoOptionOrVariableGivesIt() throws Exception {
        ClickHouseAddress.Target target = options().resolve(production(), NO_ENV);

        assertThat(target.url()).isEqualTo("jdbc:clickhouse://clickhouse.prod.example:8123");
        assertThat(target.database()).isEqualTo("billing_prod");
        assertThat(target.user()).isEqualTo("tollgate_rw");
        assertThat(target.credentials()).containsEntry("user", "tollgate_rw").containsEntry("password", "pr0d-secret");
        assertThat(target.toString()).doesNotContain("pr0d-secret");
    }

    @Test
    void anOptionWinsOverTheFile() throws Exception {
        ClickHouseAddress.Target target = options("--database", "scratch_db").resolve(production(), NO_ENV);

        assertThat(target.database()).isEqualTo("scratch_db");
        assertThat(target.url()).isEqualTo("jdbc:clickhouse://clickhouse.prod.example:8123");
        assertThat(target.password()).isEqualTo("pr0d-secret");
    }

    @Test
    void variablesWinOverTheFileAndOptionsOverVariables() throws Exception {
        Map<String, String> env = Map.of("TOLLGATE_CLICKHOUSE_URL", "jdbc:clickhouse://ci-clickhouse:8123",
                "TOLLGATE_CLICKHOUSE_USER", "ci", "TOLLGATE_CLICKHOUSE_PASSWORD", "ci-secret",
                "TOLLGATE_CLICKHOUSE_DATABASE", " ");

        ClickHouseAddress.Target target = options("--user", "admin").resolve(production(), env);

        assertThat(target.url()).isEqualTo("jdbc:clickhouse://ci-clickhouse:8123");
        assertThat(target.database()).as("a blank variable counts as unset").isEqualTo("billing_prod");
        assertThat(target.user()).isEqualTo("admin");
        assertThat(target.password()).isEqualTo("ci-secret");
    }

    @Test
    void aFileWithoutServicesAndNoFileAtAllGiveTheVariablesElseTheDefaults() throws Exception {
        Path empty = config("customers: []\n");
        Map<String, String> env = Map.of("TOLLGATE_CLICKHOUSE_DATABASE", "from_env");

        for (Path file : new Path[] {empty, null}) {
            assertThat(options().resolve(file, NO_ENV)).isEqualTo(new ClickHouseAddress.Target(
                    "jdbc:clickhouse://127.0.0.1:8123", "tollgate", "default", ""));
            assertThat(options().resolve(file, env).database()).isEqualTo("from_env");
        }
    }

    @Test
    void theConfigurationIsTheCommandsOwnElseTollgateConfigElseTheLocalFileIfPresent() throws IOException {
        Path own = dir.resolve("own.yaml");
        Path local = config("{}\n");
        Map<String, String> env = Map.of("TOLLGATE_CONFIG", "/etc/tollgate/prod.yaml");

        assertThat(ClickHouseAddress.configFile(own, env, local)).isEqualTo(own);
        assertThat(ClickHouseAddress.configFile(null, env, local)).isEqualTo(Path.of("/etc/tollgate/prod.yaml"));
        assertThat(ClickHouseAddress.configFile(null, Map.of("TOLLGATE_CONFIG", ""), local)).isEqualTo(local);
        assertThat(ClickHouseAddress.configFile(null, NO_ENV, dir.resolve("absent.yaml"))).isNull();
    }

    @Test
    void anInvalidConfigurationIsRefusedNamingFileLineAndField() throws IOException {
        Path bad = config("""
                services:
                  clickhouse:
                    url: http://127.0.0.1:8123
                """);

        assertThatThrownBy(() -> options("--url", "jdbc:clickhouse://127.0.0.1:1").resolve(bad, NO_ENV))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("tollgate.yaml:3: field 'services.clickhouse.url'");
        assertThatThrownBy(() -> options().resolve(dir.resolve("missing.yaml"), NO_ENV))
                .isInstanceOf(BadInputException.class).hasMessageContaining("missing.yaml");
    }

    /** The ClickHouse address of the command {@code args} name, as picocli fills it in for that command line. */
    private static ClickHouseAddress addressOf(String... args) {
        CommandLine.ParseResult parsed = new CommandLine(new Tollgate()).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return find(parsed.commandSpec());
    }

    private static ClickHouseAddress find(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof ClickHouseAddress address) {
                return address;
            }
            ClickHouseAddress nested = find(mixin);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    @Test
    void everyCommandTakesTheFilesAddressUnlessAnOptionSaysOtherwise() throws Exception {
        Path file = production();
        String[][] commands = {
            {"db", "migrate"},
            {"deck", "list", "vendor:v"},
            {"deck", "show", "vendor:v"},
            {"deck", "diff", "vendor:v"},
            {"deck", "import", "--owner", "vendor:v", "--file", "deck.csv"},
            {"cdr", "import", "--vendor", "v", "--file", "cdrs.csv", "--format", "generic"},
            {"deadletter", "list"},
            {"deadletter", "show", "cdrs.csv:2"},
            {"export", "margin", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"},
            {"export", "traffic", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"},
            {"export", "unrated", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"},
            {"fraud", "alerts"},
            {"invoice", "list"},
            {"reconcile", "--vendor", "v", "--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"},
        };
        for (String[] command : commands) {
            String name = String.join(" ", command);
            ClickHouseAddress plain = addressOf(command);
            assertThat(plain).as(name).isNotNull();
            assertThat(plain.resolve(file, NO_ENV)).as(name).isEqualTo(new ClickHouseAddress.Target(
                    "jdbc:clickhouse://clickhouse.prod.example:8123", "billing_prod", "tollgate_rw", "pr0d-secret"));

            String[] withDatabase = Arrays.copyOf(command, command.length + 2);
            withDatabase[command.length] = "--database";
            withDatabase[command.length + 1] = "scratch_db";
            ClickHouseAddress.Target overridden = addressOf(withDatabase).resolve(file, NO_ENV);
            assertThat(overridden.database()).as(name).isEqualTo("scratch_db");
            assertThat(overridden.url()).as(name).isEqualTo("jdbc:clickhouse://clickhouse.prod.example:8123");
        }
    }

    @Test
    void theInvoiceCommandsOwnConfigurationIsTheOneItReaches() throws Exception {
        assumeTrue(System.getenv("TOLLGATE_CLICKHOUSE_URL") == null, "$TOLLGATE_CLICKHOUSE_URL would win over the file");
        Path file = production();
        CommandLine cli = new CommandLine(new Tollgate());
        CommandLine.ParseResult parsed = cli.parseArgs("invoice", "--customer", "acme", "--period", "2026-03",
                "--config", file.toString(), "--database", "scratch_db");
        InvoiceCommand.Setup setup = (InvoiceCommand.Setup) parsed.subcommand().commandSpec().mixins().get("setup")
                .userObject();

        ClickHouseAddress.Target target = setup.clickhouse().target();

        assertThat(target.url()).isEqualTo("jdbc:clickhouse://clickhouse.prod.example:8123");
        assertThat(target.database()).isEqualTo("scratch_db");
    }

    @Test
    void helpNamesTheVariableThenTheConfigurationThenTheDefault() {
        CommandRun run = CommandRun.of("deck", "list", "--help");

        assertThat(run.exitCode()).isZero();
        String help = run.out().replaceAll("\\s+", "");
        assertThat(help)
                .contains(compact("$TOLLGATE_CLICKHOUSE_URL, else the configuration's services.clickhouse.url, else"
                        + " jdbc:clickhouse://127.0.0.1:8123"))
                .contains(compact("$TOLLGATE_CLICKHOUSE_DATABASE, else the configuration's services.clickhouse.database"))
                .contains(compact("$TOLLGATE_CLICKHOUSE_PASSWORD, else the configuration's"
                        + " services.clickhouse.password_file"))
                .contains(compact("$TOLLGATE_CONFIG, else ./tollgate.yaml"));
    }
}
