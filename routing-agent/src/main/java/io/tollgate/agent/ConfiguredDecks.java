package io.tollgate.agent;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.DeckStore;
import io.tollgate.ingest.clickhouse.StoredVersion;
import io.tollgate.ingest.config.DeckRef;
import io.tollgate.ingest.config.ServiceAddresses;
import io.tollgate.ingest.config.TollgateConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The decks tollgate.yaml names, loaded at start: a CSV file is read (and refused whole if any row is bad),
 * a deck id is the latest published version in the deck store. The deck store is reached only when a deck id or
 * a deck activation needs it, so an agent configured with files runs without ClickHouse.
 */
final class ConfiguredDecks implements Decks.Loader {
    private final Supplier<DeckStore> store;
    private DeckStore opened;

    ConfiguredDecks(ServiceAddresses.ClickHouse clickhouse) {
        this.store = () -> {
            ClickHouseDatabase database = ClickHouseDatabase.of(clickhouse);
            return new DeckStore(database.url(), database.database(), database.credentials());
        };
    }

    Map<String, RateDeck> vendors(TollgateConfig config) throws Exception {
        Map<String, RateDeck> decks = new HashMap<>();
        for (var vendor : config.vendors()) {
            decks.put(vendor.id(), read(new DeckOwner(Party.VENDOR, vendor.id()), vendor.deck()));
        }
        return decks;
    }

    Map<String, RateDeck> customers(TollgateConfig config) throws Exception {
        Map<String, RateDeck> decks = new HashMap<>();
        for (var customer : config.customers()) {
            decks.put(customer.id(), read(new DeckOwner(Party.CUSTOMER, customer.id()), customer.deck()));
        }
        return decks;
    }

    @Override
    public synchronized RateDeck load(DeckOwner owner, int version) throws Exception {
        return RateDeck.of(store().rows(owner, version));
    }

    private RateDeck read(DeckOwner owner, DeckRef ref) throws Exception {
        if (ref instanceof DeckRef.DeckFile file) {
            try {
                return RateDeckCsv.read(file.path(), Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
            } catch (BadInputException e) {
                throw new IllegalStateException("the deck of " + owner + " cannot be used: " + e.getMessage(), e);
            }
        }
        String id = ((DeckRef.DeckId) ref).id();
        DeckOwner stored = DeckOwner.parse(id.contains(":") ? id : owner.party().word() + ":" + id);
        List<StoredVersion> published = store().versions(stored).stream().filter(StoredVersion::published).toList();
        if (published.isEmpty()) {
            throw new IllegalStateException("the deck of " + owner + " is '" + id + "' in the deck store, which has no"
                    + " published version of it; import one with: tollgate deck import --owner " + stored + " --file FILE");
        }
        return load(stored, published.get(published.size() - 1).version());
    }

    private synchronized DeckStore store() {
        if (opened == null) {
            opened = store.get();
        }
        return opened;
    }
}
