package io.tollgate.app;

import io.tollgate.ingest.clickhouse.SchemaMigrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tollgate db}: the ClickHouse schema. */
@Command(name = "db",
        mixinStandardHelpOptions = true,
        description = "Manages Tollgate's ClickHouse schema.",
        subcommands = {DbCommand.Migrate.class})
final class DbCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Creates the database if needed and applies the numbered migrations not applied yet.",
                "The user's password is read from $TOLLGATE_CLICKHOUSE_PASSWORD, else from the configuration's"
                    + " services.clickhouse.password_file (never from the command line)."})
    static final class Migrate implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ClickHouseAddress clickhouse;

        @Option(names = "--dir", paramLabel = "DIR",
                defaultValue = "${env:TOLLGATE_HOME:-.}/infra/clickhouse/migrations",
                description = "the migrations, NNN_name.sql (default: $TOLLGATE_HOME/infra/clickhouse/migrations,"
                        + " else ./infra/clickhouse/migrations; here: ${DEFAULT-VALUE})")
        Path dir;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw Options.bad("--dir", dir + " is not a folder of migrations");
            }
            List<SchemaMigrator.Migration> migrations = SchemaMigrator.read(dir);
            ClickHouseAddress.Target target = clickhouse.target();
            List<SchemaMigrator.Migration> applied = new SchemaMigrator(target.url(), target.database(),
                    target.credentials()).migrate(migrations);
            PrintWriter out = spec.commandLine().getOut();
            for (SchemaMigrator.Migration m : applied) {
                out.printf("applied %03d_%s%n", m.version(), m.name());
            }
            out.printf("%s: %d migrations, %d applied now%n", target.database(), migrations.size(), applied.size());
            return Tollgate.OK;
        }
    }
}
