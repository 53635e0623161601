package io.tollgate.jobs.rating;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.money.FxRates;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.StoredVersion;
import io.tollgate.ingest.config.DeckRef;
import io.tollgate.ingest.config.TollgateConfig;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Which deck prices each customer and vendor at start, as tollgate.yaml names them, and where later versions come
 * from (the deck store). It travels to the TaskManagers as configuration; each rating instance loads the decks
 * itself ({@link RatingDecks}), so no deck is ever part of a checkpoint.
 */
public final class DeckCatalog implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One party's starting deck: a CSV file (path) or a deck store id (storeId). */
    public record Entry(Party party, String id, Currency currency, String path, String storeId)
            implements Serializable {
    }

    /** Where versions beyond the starting decks are read from; the deck store in production. */
    public interface StoredDecks extends RatingDecks.Loader, Serializable {
    }

    /** The deck store in ClickHouse. */
    private record DeckStoreDecks(ClickHouseDatabase store) implements StoredDecks {
        @Override
        public RateDeck load(DeckOwner owner, int version) throws Exception {
            return RateDeck.of(deckStore(store).rows(owner, version));
        }
    }

    private final List<Entry> entries;
    private final FxRates fx;
    private final StoredDecks stored;

    public DeckCatalog(List<Entry> entries, FxRates fx, StoredDecks stored) {
        this.entries = List.copyOf(entries);
        this.fx = fx;
        this.stored = stored;
    }

    public static DeckCatalog of(TollgateConfig config, FxRates fx) {
        List<Entry> entries = new ArrayList<>();
        config.customers().forEach(c -> entries.add(entry(Party.CUSTOMER, c.id(), c.currency(), c.deck())));
        config.vendors().forEach(v -> entries.add(entry(Party.VENDOR, v.id(), v.currency(), v.deck())));
        ClickHouseDatabase store = ClickHouseDatabase.of(config.services().clickhouse());
        return new DeckCatalog(entries, fx, new DeckStoreDecks(store));
    }

    private static Entry entry(Party party, String id, Currency currency, DeckRef ref) {
        if (ref instanceof DeckRef.DeckFile file) {
            return new Entry(party, id, currency, file.path().toAbsolutePath().toString(), null);
        }
        return new Entry(party, id, currency, null, ((DeckRef.DeckId) ref).id());
    }

    public List<Entry> entries() {
        return entries;
    }

    public FxRates fx() {
        return fx;
    }

    /** Loads every starting deck; a bad deck file stops the job, since rating with a half deck would misprice. */
    public RatingDecks load() throws Exception {
        RatingDecks decks = new RatingDecks(stored);
        for (Entry e : entries) {
            if (e.path() != null) {
                decks.start(e, fileDeckId(e.path()), 0, read(Path.of(e.path())));
            } else {
                DeckOwner owner = DeckOwner.parse(e.storeId().contains(":") ? e.storeId()
                        : e.party().word() + ":" + e.storeId());
                if (!(stored instanceof DeckStoreDecks store)) {
                    throw new IllegalStateException("deck ids need the deck store: " + e.storeId());
                }
                StoredVersion latest = deckStore(store.store()).versions(owner).stream().filter(StoredVersion::published)
                        .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("the deck of "
                                + e.party().word() + " " + e.id() + " is '" + e.storeId() + "' in the deck store,"
                                + " which has no published version; import one with tollgate deck import"));
                decks.start(e, owner.deckId(), latest.version(), stored.load(owner, latest.version()));
            }
        }
        return decks;
    }

    private static DeckStore deckStore(ClickHouseDatabase store) {
        return new DeckStore(store.url(), store.database(), store.credentials());
    }

    private static RateDeck read(Path file) throws BadInputException, IOException {
        return RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
    }

    /** A deck file's id in rated CDRs: its name without {@code .csv}. */
    static String fileDeckId(String path) {
        String name = Path.of(path).getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
