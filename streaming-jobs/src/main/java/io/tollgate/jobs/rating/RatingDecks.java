package io.tollgate.jobs.rating;

import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.rating.CdrRater;
import io.tollgate.core.rating.CdrRater.PricedDeck;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.DeckVersions;
import io.tollgate.core.rating.RateDeck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every party's deck versions over time, so each CDR is priced by the versions in force at its setup, even when
 * a newer one was activated while it was in progress.
 */
public final class RatingDecks implements CdrRater.DeckBook {
    private static final Logger log = LoggerFactory.getLogger(RatingDecks.class);

    /** Loads one stored version of a party's deck. */
    @FunctionalInterface
    public interface Loader {
        RateDeck load(DeckOwner owner, int version) throws Exception;
    }

    /** A party's versions, and each version's deck id: the starting deck may be a file, later ones are stored. */
    private record PartyDecks(Currency currency, DeckVersions versions, Map<Integer, String> deckIds) {
        PartyDecks with(DeckVersions.Version version, String deckId) {
            Map<Integer, String> ids = new HashMap<>(deckIds);
            ids.put(version.number(), deckId);
            return new PartyDecks(currency, versions.with(version), Map.copyOf(ids));
        }
    }

    private final Loader loader;
    private final Map<String, PartyDecks> customers = new HashMap<>();
    private final Map<String, PartyDecks> vendors = new HashMap<>();
    private final Set<String> applied = new HashSet<>();

    public RatingDecks(Loader loader) {
        this.loader = loader;
    }

    /** The deck a party has from the start: in force since always. */
    void start(DeckCatalog.Entry entry, String deckId, int version, RateDeck deck) {
        parties(entry.party()).put(entry.id(), new PartyDecks(entry.currency(), DeckVersions.empty(), Map.of())
                .with(new DeckVersions.Version(version, Instant.EPOCH, deck), deckId));
    }

    /**
     * Adds an activated version; a repeat is ignored, and so is a party the configuration does not name (its
     * currency is unknown). Returns false when the version could not be loaded: the versions in force stay, and
     * the caller may try again.
     */
    public boolean activate(DeckActivation activation) {
        String key = key(activation);
        if (applied.contains(key)) {
            return true;
        }
        Map<String, PartyDecks> parties = parties(activation.party());
        PartyDecks current = parties.get(activation.partyId());
        if (current == null) {
            log.warn("deck {} is for {} {}, which the configuration does not name; it is not used",
                    activation.deckVersion(), activation.party().word(), activation.partyId());
            applied.add(key);
            return true;
        }
        int version = (int) activation.version();
        try {
            RateDeck deck = loader.load(new DeckOwner(activation.party(), activation.partyId()), version);
            if (!current.deckIds().containsKey(version)) {
                String deckId = new DeckOwner(activation.party(), activation.partyId()).deckId();
                parties.put(activation.partyId(),
                        current.with(new DeckVersions.Version(version, activation.activeFrom(), deck), deckId));
            }
            applied.add(key);
            log.info("deck {} of {} {} prices calls set up from {}", activation.deckVersion(),
                    activation.party().word(), activation.partyId(), activation.activeFrom());
            return true;
        } catch (Exception e) {
            log.error("deck {} of {} {} could not be loaded; the versions in force stay: {}",
                    activation.deckVersion(), activation.party().word(), activation.partyId(), e.toString());
            return false;
        }
    }

    static String key(DeckActivation activation) {
        return activation.subject() + ":" + activation.version();
    }

    @Override
    public PricedDeck customerDeck(String customer, Instant at) {
        return priced(customers.get(customer), at);
    }

    @Override
    public PricedDeck vendorDeck(String vendor, Instant at) {
        return priced(vendors.get(vendor), at);
    }

    private static PricedDeck priced(PartyDecks decks, Instant at) {
        if (decks == null) {
            return null;
        }
        DeckVersions.Version v = decks.versions().at(at);
        if (v == null) {
            return null;
        }
        return new PricedDeck(decks.deckIds().get(v.number()), v.number(), decks.currency(), v.deck());
    }

    private Map<String, PartyDecks> parties(Party party) {
        return party == Party.CUSTOMER ? customers : vendors;
    }
}
