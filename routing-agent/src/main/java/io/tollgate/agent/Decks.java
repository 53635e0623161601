package io.tollgate.agent;

import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.rating.DeckOwner;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.routing.LcrEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The decks routing uses now: every vendor's (as one LCR engine) and every customer's (for margin protection
 * and call length). A deck activation swaps one deck: at once, or at its {@code activeFrom} when that lies
 * ahead. Calls in progress keep the engine they started with; the next call sees the new one.
 */
public final class Decks {
    /** Loads one stored version of a party's deck. */
    @FunctionalInterface
    public interface Loader {
        RateDeck load(DeckOwner owner, int version) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(Decks.class);

    private final Loader loader;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Map<String, RateDeck> vendorDecks;
    private final Map<String, RateDeck> customerDecks;
    private volatile LcrEngine engine;
    private volatile Map<String, RateDeck> customers;

    public Decks(Map<String, RateDeck> vendorDecks, Map<String, RateDeck> customerDecks, Loader loader,
                 ScheduledExecutorService timer, Clock clock) {
        this.vendorDecks = new HashMap<>(vendorDecks);
        this.customerDecks = new HashMap<>(customerDecks);
        this.loader = loader;
        this.timer = timer;
        this.clock = clock;
        this.engine = LcrEngine.of(this.vendorDecks).preparedFor(clock.instant());
        this.customers = Map.copyOf(this.customerDecks);
    }

    public LcrEngine engine() {
        return engine;
    }

    /** The customer's deck, or null when it has none. */
    public RateDeck customer(String id) {
        return customers.get(id);
    }

    /** Loads the activated version now and puts it in force at its {@code activeFrom}. */
    public void activate(DeckActivation activation) {
        if (!serves(activation)) {
            // the topic carries every party's decks; this agent routes for the parties of its configuration
            log.debug("deck {} is for {} {}, which this agent does not serve", activation.deckVersion(),
                    activation.party().word(), activation.partyId());
            return;
        }
        RateDeck deck;
        try {
            deck = loader.load(new DeckOwner(activation.party(), activation.partyId()), (int) activation.version());
        } catch (Exception e) {
            log.error("deck {} for {} {} could not be loaded; the deck in force stays: {}", activation.deckVersion(),
                    activation.party().word(), activation.partyId(), e.toString());
            return;
        }
        Duration wait = Duration.between(clock.instant(), activation.activeFrom());
        if (wait.isNegative() || wait.isZero()) {
            install(activation, deck);
        } else {
            timer.schedule(() -> install(activation, deck), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized boolean serves(DeckActivation activation) {
        return (activation.party() == Party.VENDOR ? vendorDecks : customerDecks).containsKey(activation.partyId());
    }

    private synchronized void install(DeckActivation activation, RateDeck deck) {
        if (activation.party() == Party.VENDOR) {
            vendorDecks.put(activation.partyId(), deck);
            engine = LcrEngine.of(vendorDecks).preparedFor(clock.instant());
        } else {
            customerDecks.put(activation.partyId(), deck);
            customers = Map.copyOf(customerDecks);
        }
        log.info("deck {} in force for {} {} since {}", activation.deckVersion(), activation.party().word(),
                activation.partyId(), Instant.now(clock));
    }
}
