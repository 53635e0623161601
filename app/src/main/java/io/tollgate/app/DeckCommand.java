package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.StoredVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.sql.SQLException;
import java.util.List;

/** {@code tollgate deck}: the versions of customers' and vendors' rate decks. */
@Command(name = "deck",
        mixinStandardHelpOptions = true,
        description = "Imports rate decks as numbered versions, activates them, and shows what changed.",
        subcommands = {DeckImportCommand.class, DeckListCommand.class, DeckShowCommand.class, DeckDiffCommand.class})
final class DeckCommand implements Runnable {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads {@code customer:ID} or {@code vendor:ID}, refusing with the option's name. */
    static DeckOwner owner(String option, String text) throws BadInputException {
        try {
            return DeckOwner.parse(text);
        } catch (IllegalArgumentException e) {
            throw Options.bad(option, e.getMessage());
        }
    }

    /** Version {@code number} of {@code owner}, or its latest when null; refused when there is no such version. */
    static StoredVersion version(DeckStore store, DeckOwner owner, Integer number) throws SQLException, BadInputException {
        if (number != null) {
            return store.version(owner, number).orElseThrow(() -> Options.bad("--version",
                    owner + " has no version " + number + "; see tollgate deck list " + owner));
        }
        List<StoredVersion> versions = store.versions(owner);
        if (versions.isEmpty()) {
            throw Options.bad("OWNER", owner + " has no deck yet; import one with tollgate deck import --owner " + owner);
        }
        return versions.get(versions.size() - 1);
    }
}
