package io.tollgate.app;

import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvOutput;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.rating.CdrRater.PricedDeck;
import io.tollgate.core.rating.ColumnMapping;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.core.rating.RerateDiff;
import io.tollgate.core.rating.Rerating;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.RatedCdrTable;
import io.tollgate.ingest.clickhouse.RerateStore;
import io.tollgate.ingest.clickhouse.StoredVersion;
import io.tollgate.ingest.config.TollgateConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code tollgate rerate}: re-prices one side of a period's rated CDRs with a new deck version, into a shadow table
 * first; only {@code --commit} makes the new ratings the ones {@code rated_cdrs} shows, keeping history.
 */
@Command(name = "rerate", mixinStandardHelpOptions = true,
        description = {"Re-prices the calls set up in [--from, --to) with DECK.csv: with --customer, the revenue leg"
                + " of that customer's calls (the deck is in the customer's currency, from the configuration); with"
                + " --vendor, the cost leg of the calls that vendor carried (in the vendor's currency). The other leg"
                + " stays as stored; the margin is recomputed with the stored exchange rate, or, for a pair of"
                + " currencies the call was not stored with, the configuration's fx_rates at the call's setup.",
            "Each call's new rating goes to rated_cdrs_shadow under a new run id, printed on standard error with the"
                + " run's summary; rated_cdrs is not touched (a dry run). With --commit the new ratings then supersede"
                + " the stored ones: they are written to rated_cdrs at the run's rating_version (the run's start in"
                + " epoch milliseconds: above the stream's 0 and earlier runs'), rated_by rerate:<run id>, and"
                + " rating_history gets one row per call with the deck ids, versions and amounts superseded and the"
                + " new ones. Runs are listed in rerate_runs.",
            "The new legs name the deck: if DECK.csv is stored in the deck store as a version of this customer or"
                + " vendor (same SHA-256, see tollgate deck import), that deck id and version; else --deck-id"
                + " (default: the file name without .csv) at the version an earlier re-rating gave the same file under"
                + " that id, else at 1 + the highest version re-ratings gave it.",
            "Standard output is CSV: customer,calls,changed,unrated_before,unrated_after,currency,old_amount,"
                + "new_amount,amount_change,margin_currency,old_margin,new_margin,margin_change, one row per customer"
                + " of the calls (one for --customer), then a row 'total'. Amounts are the re-priced leg's, in its"
                + " currency (column currency); margins are in the customer's currency and sum rated calls only; the"
                + " total's margins are empty when the customers are invoiced in different currencies. changed"
                + " counts calls whose amount, margin or reason for being unrated differs."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ok", "1:any other failure", "2:bad input (the message names file, line and field)"})
final class RerateCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("customer", "calls", "changed", "unrated_before", "unrated_after",
            "currency", "old_amount", "new_amount", "amount_change", "margin_currency", "old_margin", "new_margin",
            "margin_change");

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "ISO-TIME", description = "first setup time re-rated")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ISO-TIME", description = "end of the period, exclusive")
    String to;

    @Option(names = "--deck", required = true, paramLabel = "DECK.csv",
            description = "the new deck (canonical columns); one bad row refuses it")
    Path deck;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Side side;

    /** Exactly one of --customer and --vendor. */
    static final class Side {
        @Option(names = "--customer", required = true, paramLabel = "ID",
                description = "re-price this customer's revenue")
        String customer;

        @Option(names = "--vendor", required = true, paramLabel = "ID",
                description = "re-price the cost of the calls this vendor carried")
        String vendor;
    }

    @Option(names = "--commit", description = "make the new ratings the stored ones (default: a dry run)")
    boolean commit;

    @Option(names = "--deck-id", paramLabel = "ID",
            description = "the new legs' deck id for a deck not in the deck store (default: the file name, less .csv)")
    String deckId;

    @Option(names = "--by", paramLabel = "NAME", description = "who re-rates (default: the OS user)")
    String by;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
            description = "the configuration: customers' and vendors' currencies, and services.clickhouse (default:"
                    + " $TOLLGATE_CONFIG, else tollgate.yaml here; $TOLLGATE_CLICKHOUSE_* win over the file)")
    Path config;

    @Override
    public Integer call() throws Exception {
        Party party = side.customer != null ? Party.CUSTOMER : Party.VENDOR;
        String partyId = party == Party.CUSTOMER ? side.customer : side.vendor;
        Instant periodFrom = Options.time("--from", from);
        Instant periodTo = Options.time("--to", to);
        if (!periodTo.isAfter(periodFrom)) {
            throw Options.bad("--to", to + " is not after --from " + from);
        }
        String who = Options.user(by, "re-rates");
        TollgateConfig loaded = TollgateConfig.load(config);
        Currency currency = currency(loaded, party, partyId);
        ClickHouseDatabase database = ClickHouseDatabase.of(loaded.services().clickhouse());
        PrintWriter err = spec.commandLine().getErr();
        try (ProgressBar progress = ProgressBar.onTerminal(err)) {
            progress.stage("reading " + deck.getFileName(), DeckFile.size(deck));
            DeckFile read = DeckFile.read(deck, ColumnMapping.NONE, RateDeckCsv.BadRows.REFUSE, progress::done);
            progress.clear();
            Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            RerateStore store = new RerateStore(database);
            RerateStore.Run run = run(database, store, new DeckOwner(party, partyId), read, periodFrom, periodTo,
                    currency, who, started);
            PricedDeck priced = new PricedDeck(run.deckId(), run.deckVersion(), currency, read.deck().deck());
            store.record(run, 0, 0, null);

            RatedCdrTable table = new RatedCdrTable(database);
            RerateDiff diff = new RerateDiff(party, currency);
            String subject = party.word() + ":" + partyId;
            progress.stage("re-rating " + subject, table.countAtMost(party, partyId, periodFrom, periodTo));
            long[] calls = {0};
            long start = System.nanoTime();
            try (RerateStore.ShadowWriter shadow = store.shadow(run)) {
                table.read(party, partyId, periodFrom, periodTo, stored -> {
                    RatedCdr after = Rerating.reprice(stored.rated(), party, priced, loaded.fxRates());
                    diff.add(stored.rated(), after);
                    shadow.add(stored, after);
                    progress.done(++calls[0]);
                });
            }
            progress.clear();
            RerateDiff.Line total = diff.total();
            store.record(run, total.calls(), total.changed(), null);
            printDiff(diff);
            err.printf("rerate %s: %s, calls set up from %s to %s: %d re-rated with deck %s version %d in %s,"
                            + " %d changed; new ratings in rated_cdrs_shadow%n", run.id(), subject, periodFrom,
                    periodTo, total.calls(), run.deckId(), run.deckVersion(), seconds(start), total.changed());
            if (!commit) {
                err.println("dry run: rated_cdrs is unchanged; rerun with --commit to apply");
                return Tollgate.OK;
            }
            progress.stage("committing rerate " + run.id(), 1);
            long commitStart = System.nanoTime();
            Instant committedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            long committed = store.commit(run, committedAt, who);
            store.record(run, total.calls(), total.changed(), committedAt);
            progress.clear();
            err.printf("committed: %d calls now rated at rating_version %d (rated_by %s), superseded ratings in"
                    + " rating_history, in %s%n", committed, run.ratingVersion(), run.ratedBy(), seconds(commitStart));
        }
        return Tollgate.OK;
    }

    /**
     * The run: a new id, and the deck's identity in the new legs: the deck store's id and version when the file is
     * stored there for this owner, else --deck-id at the version re-ratings number the file by.
     */
    private RerateStore.Run run(ClickHouseDatabase database, RerateStore store, DeckOwner owner, DeckFile read,
            Instant periodFrom, Instant periodTo, Currency currency, String who, Instant started) throws Exception {
        Optional<StoredVersion> stored = new DeckStore(database.url(), database.database(), database.credentials())
                .findByDigest(owner, read.digest());
        String id;
        int version;
        if (stored.isPresent()) {
            id = owner.deckId();
            version = stored.get().version();
        } else {
            id = deckId != null ? deckId.strip() : fileStem();
            if (id.isEmpty()) {
                throw Options.bad("--deck-id", "must not be blank");
            }
            version = store.deckVersion(id, read.digest());
        }
        return new RerateStore.Run(UUID.randomUUID(), owner.party(), owner.id(), periodFrom, periodTo, id, version,
                deck.toString(), read.digest(), currency, started.toEpochMilli(), who, started);
    }

    private void printDiff(RerateDiff diff) throws IOException {
        try (Output output = new Output(null, spec.commandLine().getOut())) {
            try (CsvOutput csv = CsvOutput.open(output.writer(), COLUMNS)) {
                for (RerateDiff.Line line : diff.lines()) {
                    row(csv, line);
                }
                row(csv, diff.total());
            }
            output.commit();
        }
    }

    private static void row(CsvOutput csv, RerateDiff.Line l) throws IOException {
        csv.row(l.customer(), Long.toString(l.calls()), Long.toString(l.changed()), Long.toString(l.unratedBefore()),
                Long.toString(l.unratedAfter()), l.currency().getCurrencyCode(), plain(l.amountBefore()),
                plain(l.amountAfter()), plain(l.amountChange()),
                l.marginCurrency() == null ? "" : l.marginCurrency().getCurrencyCode(), plain(l.marginBefore()),
                plain(l.marginAfter()), plain(l.marginChange()));
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString();
    }

    private static Currency currency(TollgateConfig config, Party party, String id) throws BadInputException {
        Optional<Currency> currency = party == Party.CUSTOMER
                ? config.customer(id).map(c -> c.currency())
                : config.vendor(id).map(v -> v.currency());
        return currency.orElseThrow(() -> Options.bad("--" + party.word(), "'" + id + "' is not a " + party.word()
                + " of " + config.source()));
    }

    private String fileStem() {
        String name = deck.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    private static String seconds(long sinceNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }
}
