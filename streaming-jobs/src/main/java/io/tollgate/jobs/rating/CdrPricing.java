package io.tollgate.jobs.rating;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.rating.CdrRater;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

import java.io.Serializable;
import java.util.Map;

/**
 * Two-sided pricing inside a Flink operator ({@link CdrRater}). Deck activations arrive as broadcast instructions:
 * the activation itself is kept in broadcast state (small, checkpointed, the same on every instance), the deck it
 * names is loaded by each instance, again after a restore or a failed load. An activation that reaches the job
 * after CDRs it should have priced leaves them with the older version, which the rated row names;
 * {@code tollgate rerate} corrects them.
 */
public final class CdrPricing implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final MapStateDescriptor<String, DeckActivation> ACTIVATIONS =
            new MapStateDescriptor<>("deck-activations", String.class, DeckActivation.class);
    private static final long RETRY_MS = 10_000;

    private final DeckCatalog catalog;
    private transient RatingDecks decks;
    /** Activations in the broadcast state that this instance has not loaded: after a restore or a failed load. */
    private transient boolean behind;
    private transient long nextRetryMs;

    public CdrPricing(DeckCatalog catalog) {
        this.catalog = catalog;
    }

    /** Loads the starting decks; call from the operator's open. */
    public void open() throws Exception {
        decks = catalog.load();
        behind = true;
    }

    public RatedCdr rate(Cdr cdr, ReadOnlyBroadcastState<String, DeckActivation> activations, long now)
            throws Exception {
        if (behind && now >= nextRetryMs) {
            boolean failed = false;
            for (Map.Entry<String, DeckActivation> e : activations.immutableEntries()) {
                failed |= !decks.activate(e.getValue());
            }
            behind = failed;
            nextRetryMs = now + RETRY_MS;
        }
        return CdrRater.rate(cdr, decks, catalog.fx());
    }

    public void activate(DeckActivation activation, BroadcastState<String, DeckActivation> activations)
            throws Exception {
        // every instance must hold the same broadcast state, so the activation is kept even if this load failed
        activations.put(RatingDecks.key(activation), activation);
        if (!decks.activate(activation)) {
            behind = true;
        }
    }
}
