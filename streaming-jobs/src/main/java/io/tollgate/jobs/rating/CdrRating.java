package io.tollgate.jobs.rating;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.rating.CdrRater;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Map;

/**
 * Prices each CDR on both sides ({@link CdrRater}). Deck activations arrive as instructions, broadcast to every
 * instance: the activation itself is kept in broadcast state (small, checkpointed), the deck it names is loaded from
 * the deck store by each instance, again after a restore. An activation reaching the job after CDRs it should have
 * priced leaves those CDRs with the older version, which the rated row names; {@code tollgate rerate} corrects them.
 */
public final class CdrRating extends BroadcastProcessFunction<Cdr, DeckActivation, RatedCdr> {
    public static final MapStateDescriptor<String, DeckActivation> ACTIVATIONS =
            new MapStateDescriptor<>("deck-activations", String.class, DeckActivation.class);

    private static final long RETRY_MS = 10_000;

    private final DeckCatalog catalog;
    private transient RatingDecks decks;
    /** Activations in the broadcast state that this instance has not loaded: after a restore or a failed load. */
    private transient boolean behind;
    private transient long nextRetryMs;
    private transient Counter unrated;

    public CdrRating(DeckCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        decks = catalog.load();
        behind = true;
        unrated = getRuntimeContext().getMetricGroup().counter("unratedCdrs");
    }

    @Override
    public void processElement(Cdr cdr, ReadOnlyContext ctx, Collector<RatedCdr> out) throws Exception {
        if (behind && ctx.currentProcessingTime() >= nextRetryMs) {
            catchUp(ctx.getBroadcastState(ACTIVATIONS), ctx.currentProcessingTime());
        }
        RatedCdr rated = CdrRater.rate(cdr, decks, catalog.fx());
        if (!rated.rated()) {
            unrated.inc();
        }
        out.collect(rated);
    }

    @Override
    public void processBroadcastElement(DeckActivation activation, Context ctx, Collector<RatedCdr> out)
            throws Exception {
        // every instance must hold the same broadcast state, so the activation is kept even if this load failed
        ctx.getBroadcastState(ACTIVATIONS).put(RatingDecks.key(activation), activation);
        if (!decks.activate(activation)) {
            behind = true;
        }
    }

    private void catchUp(ReadOnlyBroadcastState<String, DeckActivation> state, long now) throws Exception {
        boolean failed = false;
        for (Map.Entry<String, DeckActivation> e : state.immutableEntries()) {
            failed |= !decks.activate(e.getValue());
        }
        behind = failed;
        nextRetryMs = now + RETRY_MS;
    }
}
