package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.ColumnMapping;
import io.tollgate.core.rating.DeckImport;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.StoredVersion;
import io.tollgate.ingest.kafka.InstructionPublisher;
import io.tollgate.ingest.kafka.KafkaUnavailableException;
import io.tollgate.ingest.kafka.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tollgate deck import}: validates a deck file, stores it as the owner's next version and publishes its
 * activation. Every step can be rerun: the file's digest finds a version already stored, and a stored version whose
 * activation was not acknowledged is published on the rerun.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Validates DECK.csv (canonical columns, or a vendor's sheet through --map), stores it in ClickHouse",
            "as OWNER's next deck version and publishes a deck-activation instruction on tollgate.instructions, so",
            "agents and jobs switch to it at --effective without a restart. Importing a file already stored for",
            "OWNER (same SHA-256) does nothing, and says so."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok (imported, or already imported)", "1:any other failure (the message says what to rerun)",
            "2:bad input (the message names file, line and field)"})
final class DeckImportCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private ClickHouseAddress clickhouse;

    @Mixin
    private KafkaAddress kafka;

    @Option(names = "--owner", required = true, paramLabel = "customer:ID|vendor:ID", description = "whose deck it is")
    private String owner;

    @Option(names = "--file", required = true, paramLabel = "DECK.csv", description = "the deck")
    private Path file;

    @Option(names = "--effective", paramLabel = "ISO-TIME",
            description = "when agents and jobs switch to this version (default: now)")
    private String effective;

    @Option(names = "--quarantine", description = {"keep the good rows and write the bad ones, with line and reason,",
        "to --quarantine-file; without it one bad row refuses the whole deck"})
    private boolean quarantine;

    @Option(names = "--quarantine-file", paramLabel = "FILE",
            description = "where --quarantine writes bad rows (default: DECK.quarantine.csv beside the deck)")
    private Path quarantineFile;

    @Option(names = "--map", paramLabel = "COLUMN=THEIRS[,...]|PRESET",
            description = {"how a vendor's sheet names the canonical columns, e.g. prefix=code,rate=price,increments=billing;",
                "the preset 'common' knows code, dial code, price, billing, description, effective date..."})
    private String map;

    @Option(names = "--by", paramLabel = "NAME", description = "who imports it (default: the OS user)")
    private String by;

    @Option(names = "--check", description = "validate only: store nothing, publish nothing, need no service")
    private boolean check;

    @Override
    public Integer call() throws Exception {
        DeckOwner deckOwner = DeckCommand.owner("--owner", owner);
        ColumnMapping mapping = mapping();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant activeFrom = effective == null ? now : Options.time("--effective", effective);
        String importer = Options.user(by, "imports the deck");
        PrintWriter out = spec.commandLine().getOut();
        DeckFile read;
        try (ProgressBar progress = ProgressBar.onTerminal(spec.commandLine().getErr())) {
            progress.stage("reading " + file.getFileName(), DeckFile.size(file));
            long readStart = System.nanoTime();
            read = DeckFile.read(file, mapping, quarantine ? RateDeckCsv.BadRows.QUARANTINE : RateDeckCsv.BadRows.REFUSE,
                    progress::done);
            DeckImport deck = read.deck();
            progress.clear();
            out.printf("read %s: %d good rows, %d bad, in %s%n", file, deck.acceptedRows(), deck.quarantined().size(),
                    seconds(readStart));
            quarantined(deck, out);
            if (check) {
                out.printf("%s: %d rows valid, %d quarantined, sha256 %s; nothing stored (--check)%n", file,
                        deck.acceptedRows(), deck.quarantined().size(), read.digest());
                return Tollgate.OK;
            }
            DeckStore store = clickhouse.deckStore();
            String bootstrap = kafka.bootstrap();
            Optional<StoredVersion> same = store.findByDigest(deckOwner, read.digest());
            StoredVersion version;
            if (same.isPresent()) {
                version = same.get();
                if (version.published()) {
                    out.printf("unchanged: %s is already %s version %d (imported by %s at %s, active from %s); "
                                    + "nothing stored, nothing published%n", file, deckOwner, version.version(),
                            version.importedBy(), version.importedAt(), version.activeFrom());
                    return Tollgate.OK;
                }
                out.printf("%s is already stored as %s version %d, but its activation was not published; "
                        + "publishing it now (active from %s)%n", file, deckOwner, version.version(), version.activeFrom());
            } else {
                version = new StoredVersion(deckOwner, store.nextVersion(deckOwner), file.toString(), read.digest(),
                        deck.acceptedRows(), deck.quarantined().size(), importer, now, activeFrom, null);
                progress.stage("storing " + deckOwner + " version " + version.version(), deck.acceptedRows());
                long storeStart = System.nanoTime();
                store.store(version, deck.deck().rows(), Rounding.DEFAULT, progress::done);
                progress.clear();
                out.printf("stored %s version %d: %d rows from %s (sha256 %s) in %s%n", deckOwner, version.version(),
                        version.rows(), file, version.digest(), seconds(storeStart));
            }
            publish(store, version, bootstrap, out);
        }
        return Tollgate.OK;
    }

    private void publish(DeckStore store, StoredVersion version, String bootstrap, PrintWriter out) throws Exception {
        DeckOwner o = version.owner();
        // everything in the instruction comes from the store, so a rerun publishes the very same record
        DeckActivation activation = new DeckActivation(o.party(), o.id(), o.versionLabel(version.version()),
                version.version(), version.importedBy(), version.importedAt(), version.activeFrom());
        try (InstructionPublisher publisher = InstructionPublisher.connect(bootstrap)) {
            publisher.publish(activation);
        } catch (KafkaUnavailableException | RuntimeException e) {
            throw new DeckNotPublishedException(o + " version " + version.version() + " is stored, but its activation "
                    + "was not published: " + e.getMessage() + "\nOnce Kafka answers, rerun exactly: tollgate "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                    .map(DeckImportCommand::quoted).toList())
                    + "\n(the rerun finds version " + version.version() + " by the file's digest, stores nothing and "
                    + "only publishes)", e);
        }
        store.markPublished(version, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        out.printf("published %s on %s (key %s): %s version %d active from %s%n", "deck-activation", Topics.INSTRUCTIONS,
                activation.subject(), o, version.version(), version.activeFrom());
    }

    /** Writes the quarantined rows, if any, and says how many and where. */
    private void quarantined(DeckImport deck, PrintWriter out) throws IOException, BadInputException {
        if (deck.quarantined().isEmpty()) {
            return;
        }
        Path target = quarantineFile != null ? quarantineFile : defaultQuarantineFile();
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            deck.writeQuarantine(w);
        }
        out.printf("quarantined %d bad rows (lines %s) to %s%n", deck.quarantined().size(), deck.quarantined().stream()
                .limit(20).map(r -> Long.toString(r.line())).collect(Collectors.joining(", "))
                + (deck.quarantined().size() > 20 ? ", ..." : ""), target);
        if (deck.acceptedRows() == 0) {
            // an empty deck would price nothing: never activate one
            throw new BadInputException(new InputProblem(file.toString(), 0, "",
                    "has no good row; every row was quarantined to " + target));
        }
    }

    private Path defaultQuarantineFile() {
        String name = file.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + ".quarantine.csv");
    }

    private ColumnMapping mapping() throws BadInputException {
        if (map == null) {
            return ColumnMapping.NONE;
        }
        try {
            return ColumnMapping.parse(map);
        } catch (IllegalArgumentException e) {
            throw Options.bad("--map", e.getMessage());
        }
    }

    private static String seconds(long sinceNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }

    private static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** Stored, not published: a failure (exit 1) whose message says what to rerun. */
    static final class DeckNotPublishedException extends Exception {
        DeckNotPublishedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
