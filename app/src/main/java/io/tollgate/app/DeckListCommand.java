package io.tollgate.app;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.ingest.clickhouse.StoredVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code tollgate deck list OWNER}: the versions of one owner's deck. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the versions of OWNER's deck (customer:ID or vendor:ID), oldest first, as CSV:",
            "version,rows,quarantined,imported_by,imported_at,active_from,published_at,source_file,source_digest.",
            "An empty published_at: stored, but its activation is not on Kafka yet (rerun its import)."})
final class DeckListCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("version", "rows", "quarantined", "imported_by", "imported_at",
            "active_from", "published_at", "source_file", "source_digest");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClickHouseAddress clickhouse;

    @Parameters(index = "0", paramLabel = "OWNER", description = "customer:ID or vendor:ID")
    private String owner;

    @Override
    public Integer call() throws Exception {
        List<StoredVersion> versions = clickhouse.deckStore().versions(DeckCommand.owner("OWNER", owner));
        try (Output output = new Output(null, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), COLUMNS)) {
                for (StoredVersion v : versions) {
                    csv.row(Integer.toString(v.version()), Integer.toString(v.rows()), Integer.toString(v.quarantined()),
                            v.importedBy(), v.importedAt().toString(), v.activeFrom().toString(),
                            Objects.toString(v.publishedAt(), ""), v.sourceFile(), v.digest());
                }
            }
            output.commit();
        }
        return Tollgate.OK;
    }
}
