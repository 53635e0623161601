package io.tollgate.app;

import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.rating.DeckChange;
import io.tollgate.core.rating.DeckDiff;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.RateRow;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.StoredVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code tollgate deck diff OWNER [--version N] [--against M]}: what changed between two versions. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Shows what changed in OWNER's deck between version N (default: the latest) and version M",
            "(default: the one before N), prefix by prefix, as CSV: change,prefix,destination,old_rate,new_rate.",
            "change is new, removed, price_up, price_down, or terms (same rate; increments, connect fee,",
            "minimum duration or effective_to changed). Each prefix is compared by its latest row. The counts go",
            "to standard error."})
final class DeckDiffCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("change", "prefix", "destination", "old_rate", "new_rate");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClickHouseAddress clickhouse;

    @Parameters(index = "0", paramLabel = "OWNER", description = "customer:ID or vendor:ID")
    private String owner;

    @Option(names = "--version", paramLabel = "N", description = "the newer version (default: the latest)")
    private Integer version;

    @Option(names = "--against", paramLabel = "M", description = "the older version (default: the one before N)")
    private Integer against;

    @Override
    public Integer call() throws Exception {
        DeckOwner deckOwner = DeckCommand.owner("OWNER", owner);
        DeckStore store = clickhouse.deckStore();
        StoredVersion newer = DeckCommand.version(store, deckOwner, version);
        StoredVersion older = against != null ? DeckCommand.version(store, deckOwner, against) : previous(store, newer);
        List<RateRow> before = older == null ? List.of() : store.rows(deckOwner, older.version());
        List<DeckChange> changes = DeckDiff.between(before, store.rows(deckOwner, newer.version()));
        try (Output output = new Output(null, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), COLUMNS)) {
                for (DeckChange c : changes) {
                    csv.row(c.kind().word(), c.prefix(), c.destination(), plain(c.oldRate()), plain(c.newRate()));
                }
            }
            output.commit();
        }
        Map<DeckChange.Kind, Integer> counts = DeckDiff.count(changes);
        spec.commandLine().getErr().printf("%s version %d against %s: %s%n", deckOwner, newer.version(),
                older == null ? "no earlier version" : "version " + older.version(),
                counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().word())
                        .collect(Collectors.joining(", ")));
        return Tollgate.OK;
    }

    /** The version listed just before {@code newer}, or null for the first. */
    private static StoredVersion previous(DeckStore store, StoredVersion newer) throws Exception {
        StoredVersion previous = null;
        for (StoredVersion v : store.versions(newer.owner())) {
            if (v.version() < newer.version()) {
                previous = v;
            }
        }
        return previous;
    }

    private static String plain(BigDecimal amount) {
        return Objects.toString(amount == null ? null : amount.toPlainString(), "");
    }
}
