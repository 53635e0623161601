package io.tollgate.app;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.rating.RateRow;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.StoredVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Objects;
import java.util.concurrent.Callable;

/** {@code tollgate deck show OWNER [--version N]}: one version's rows, as a canonical deck CSV. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Writes the rows of one version of OWNER's deck (default: the latest) as canonical deck CSV,",
            "in prefix order: it can be imported again. What the version is goes to standard error."})
final class DeckShowCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClickHouseAddress clickhouse;

    @Parameters(index = "0", paramLabel = "OWNER", description = "customer:ID or vendor:ID")
    private String owner;

    @Option(names = "--version", paramLabel = "N", description = "the version (default: the latest)")
    private Integer version;

    @Override
    public Integer call() throws Exception {
        DeckOwner deckOwner = DeckCommand.owner("OWNER", owner);
        DeckStore store = clickhouse.deckStore();
        StoredVersion shown = DeckCommand.version(store, deckOwner, version);
        spec.commandLine().getErr().printf("%s version %d: %d rows from %s, imported by %s at %s, active from %s%n",
                deckOwner, shown.version(), shown.rows(), shown.sourceFile(), shown.importedBy(), shown.importedAt(),
                shown.activeFrom());
        try (Output output = new Output(null, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), RateDeckCsv.COLUMNS)) {
                for (RateRow r : store.rows(deckOwner, shown.version())) {
                    csv.row(r.prefix(), r.destination(), r.rate().toPlainString(), Objects.toString(r.effectiveFrom(), ""),
                            r.connectFee().toPlainString(), r.increments().toString(), Integer.toString(r.minDuration()),
                            Objects.toString(r.effectiveTo(), ""));
                }
            }
            output.commit();
        }
        return Tollgate.OK;
    }
}
