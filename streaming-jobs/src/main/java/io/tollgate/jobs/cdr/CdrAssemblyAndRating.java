package io.tollgate.jobs.cdr;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrAssembler;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.Origin;
import io.tollgate.jobs.rating.CdrPricing;
import io.tollgate.jobs.serial.ClosedCallSerializer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Call events, keyed by call id and bundled per call ({@link EventBundling}), to one rated CDR per call
 * ({@link CdrAssembler}, then {@link CdrPricing}); deck activations come in broadcast. Assembly and pricing share
 * one operator so that a CDR is priced where it is built instead of being serialized to another task (a third of
 * the pipeline's time when they were apart).
 *
 * <p>A call closes when its END and every event before it are in; an END with a gap before it waits {@code grace}
 * for the stragglers, then closes flagged; a call whose END never comes closes after {@code callTimeout} from its
 * first event, flagged as timed out. Events that never saw their SETUP nor END by then are not a call but
 * stragglers of one closed long ago: they go to the dead-letter. After closing, which events the call was made of
 * is kept for {@code closedRetention}: a repeat is dropped as a duplicate, any other event goes to the dead-letter.
 *
 * <p>Timers run on processing time: a call's lifetime is measured as it happens, and a replay from Kafka reaches
 * each END long before any timeout. After a restore, though, the checkpoint holds calls whose END came in before
 * the barrier and their other events after it; the replay brings those, but the sources of a restored job can take
 * seconds to deliver again. So a timer that falls due in the first minute after a restore (or the grace, if longer),
 * or one found overdue by more than the grace (the task was stalled), is re-armed instead of closing the call.
 *
 * <p>The grace also waits while the call's partition is held: an aligned checkpoint holds each input channel from
 * its barrier until every channel's barrier is in (12.6 s seen on a loaded machine), and timers keep running
 * meanwhile, so a call whose END came before its partition's barrier and other events after it would close without
 * them. A partition that has delivered nothing for over a second when the grace ends counts as held, and the call
 * waits another grace; one silent for over a minute (or the grace, if longer) counts as idle, and the call closes.
 */
public final class CdrAssemblyAndRating
        extends KeyedBroadcastProcessFunction<String, EventBundle, DeckActivation, RatedCdr>
        implements CheckpointedFunction {
    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("refused-call-events") { };
    static final String REFUSED_BY = "cdr-assembly";
    /** How long a timer found overdue after a restore waits again: longer than a replay after a recovery takes. */
    static final long RESTORE_GRACE_MS = Duration.ofMinutes(1).toMillis();
    /** A partition that has delivered nothing for longer is held, unless silent past the restore grace (idle). */
    static final long HELD_AFTER_MS = Duration.ofSeconds(1).toMillis();

    /** What is kept of a closed call: when it closed and which sequence numbers it was made of (the last bit: any above 62). */
    public record ClosedCall(long closedAtMs, long seen) {
        static long bit(long seq) {
            return 1L << Math.min(seq, 63);
        }

        boolean seen(long seq) {
            return (seen & bit(seq)) != 0;
        }
    }

    private final String topic;
    private final long callTimeoutMs;
    private final long graceMs;
    private final long closedRetentionMs;
    private final CdrPricing pricing;
    private transient MapState<Long, CallEvent> events;
    private transient ValueState<Long> deadline;
    /** The Kafka partition the call's events come from (the producers key them by call id). */
    private transient ValueState<Integer> partition;
    /** Per partition, when this instance last received a record from it (0: never). */
    private transient long[] heardFrom;
    private transient ValueState<ClosedCall> closed;
    private transient Counter duplicates;
    private transient Counter timedOut;
    private transient Counter unrated;
    private transient boolean restored;
    /** Until when timers wait for the replay after a restore; set by the first thing this instance processes. */
    private transient long replayUntilMs;

    /** @param topic the call-events topic, to name a refused event's origin */
    public CdrAssemblyAndRating(String topic, Duration callTimeout, Duration grace, Duration closedRetention,
                                CdrPricing pricing) {
        this.topic = topic;
        this.callTimeoutMs = callTimeout.toMillis();
        this.graceMs = grace.toMillis();
        this.closedRetentionMs = closedRetention.toMillis();
        this.pricing = pricing;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // the keyed state above is the function's whole state
    }

    @Override
    public void open(OpenContext context) throws Exception {
        events = getRuntimeContext().getMapState(new MapStateDescriptor<>("events", Long.class, CallEvent.class));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("deadline", Long.class));
        partition = getRuntimeContext().getState(new ValueStateDescriptor<>("partition", Integer.class));
        heardFrom = new long[0];
        // set here, not by an initializer: a function arrives on its task manager serialized, transient fields zero
        replayUntilMs = -1;
        ValueStateDescriptor<ClosedCall> closedCalls = new ValueStateDescriptor<>("closed",
                ClosedCallSerializer.INSTANCE);
        // a time-to-live, not a timer per call: a closed call costs its marker only, and only for the retention
        closedCalls.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(closedRetentionMs))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(2, false)
                .build());
        closed = getRuntimeContext().getState(closedCalls);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateCallEvents");
        timedOut = getRuntimeContext().getMetricGroup().counter("timedOutCalls");
        unrated = getRuntimeContext().getMetricGroup().counter("unratedCdrs");
        pricing.open();
    }

    @Override
    public void processElement(EventBundle bundle, ReadOnlyContext ctx, Collector<RatedCdr> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        List<CallEvent> fresh = new ArrayList<>(bundle.records().length);
        List<EventRecord> from = new ArrayList<>(bundle.records().length);
        for (EventRecord record : bundle.records()) {
            heard(record.partition(), now);
            CallEvent event = decoded(record, ctx);
            if (event != null) {
                fresh.add(event);
                from.add(record);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        ClosedCall done = closed.value();
        if (done != null) {
            for (int i = 0; i < fresh.size(); i++) {
                afterClose(done, fresh.get(i), from.get(i), ctx);
            }
            return;
        }
        replayingAt(now);
        boolean firstEvents = deadline.value() == null;
        if (firstEvents && CdrAssembler.complete(fresh)) {
            // the whole call in one bundle, the common case in a replay: it never needs the call's state
            close(distinct(fresh), false, now, ctx, out);
            return;
        }
        boolean endCame = false;
        for (CallEvent event : fresh) {
            if (events.contains(event.seq())) {
                duplicates.inc();
            } else {
                events.put(event.seq(), event);
                endCame |= event.type() == CallEvent.Type.END;
            }
        }
        if (firstEvents) {
            deadline.update(now + callTimeoutMs);
            partition.update(from.get(0).partition());
            ctx.timerService().registerProcessingTimeTimer(now + callTimeoutMs);
        }
        List<CallEvent> all = collected();
        if (CdrAssembler.complete(all)) {
            close(all, false, now, ctx, out);
        } else if (endCame) {
            ctx.timerService().registerProcessingTimeTimer(now + graceMs);
        }
    }

    /** The record's event, or null when it is refused (not a call event, or under another call's key). */
    private CallEvent decoded(EventRecord record, ReadOnlyContext ctx) {
        CallEvent event;
        try {
            event = JsonCodec.CALL_EVENT.decode(record.value());
        } catch (CodecException e) {
            refuse(ctx, record, "not a call event: " + e.getMessage());
            return null;
        }
        if (!event.callId().equals(record.callId())) {
            refuse(ctx, record, "the key '" + record.callId() + "' is not the event's callId '" + event.callId() + "'");
            return null;
        }
        return event;
    }

    private void afterClose(ClosedCall done, CallEvent event, EventRecord record, ReadOnlyContext ctx) {
        if (done.seen(event.seq())) {
            duplicates.inc();
        } else {
            refuse(ctx, record, "event " + event.type() + " seq " + event.seq() + " arrived after call "
                    + event.callId() + " was closed at " + Instant.ofEpochMilli(done.closedAtMs()));
        }
    }

    /** The events with each sequence number once (the first), counting the repeats as duplicates. */
    private List<CallEvent> distinct(List<CallEvent> fresh) {
        List<CallEvent> once = new ArrayList<>(fresh.size());
        next:
        for (CallEvent e : fresh) {
            for (CallEvent kept : once) {
                if (kept.seq() == e.seq()) {
                    duplicates.inc();
                    continue next;
                }
            }
            once.add(e);
        }
        return once;
    }

    @Override
    public void processBroadcastElement(DeckActivation activation, Context ctx, Collector<RatedCdr> out)
            throws Exception {
        pricing.activate(activation, ctx.getBroadcastState(CdrPricing.ACTIVATIONS));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RatedCdr> out) throws Exception {
        if (closed.value() != null) {
            return; // a grace timer of a call that closed complete meanwhile
        }
        List<CallEvent> all = collected();
        if (all.isEmpty()) {
            return;
        }
        boolean ended = all.stream().anyMatch(e -> e.type() == CallEvent.Type.END);
        Long due = deadline.value();
        long now = ctx.timerService().currentProcessingTime();
        if (replayingAt(now) || now - timestamp > graceMs) {
            long again = Math.max(replayUntilMs, now + graceMs);
            if (due != null && timestamp >= due) {
                deadline.update(again);
            }
            ctx.timerService().registerProcessingTimeTimer(again);
            return;
        }
        if (ended && partitionHeld(now)) {
            ctx.timerService().registerProcessingTimeTimer(now + graceMs);
        } else if (ended) {
            close(all, false, timestamp, ctx, out);
        } else if (due != null && timestamp >= due) {
            if (all.stream().noneMatch(e -> e.type() == CallEvent.Type.SETUP)) {
                for (CallEvent e : all) {
                    ctx.output(REFUSED, letter(new String(JsonCodec.CALL_EVENT.encode(e), StandardCharsets.UTF_8),
                            Origin.topicOffset(topic, -1, -1), "event " + e.type() + " seq " + e.seq() + " of call "
                                    + e.callId() + " came without the call's SETUP or END within "
                                    + Duration.ofMillis(callTimeoutMs) + ": a straggler of a call closed earlier"));
                }
                events.clear();
                deadline.clear();
                partition.clear();
                return;
            }
            timedOut.inc();
            close(all, true, timestamp, ctx, out);
        }
    }

    private void heard(int from, long now) {
        if (from >= heardFrom.length) {
            heardFrom = Arrays.copyOf(heardFrom, from + 1);
        }
        heardFrom[from] = now;
    }

    /** Whether the call's partition is silent long enough to be held, but not so long that it is idle. */
    private boolean partitionHeld(long now) throws Exception {
        Integer from = partition.value();
        if (from == null || from >= heardFrom.length || heardFrom[from] == 0) {
            return false;
        }
        long silent = now - heardFrom[from];
        return silent > HELD_AFTER_MS && silent < Math.max(graceMs, RESTORE_GRACE_MS);
    }

    /** Whether {@code now} is within the replay after this instance's restore (which starts at its first call). */
    private boolean replayingAt(long now) {
        if (!restored) {
            return false;
        }
        if (replayUntilMs < 0) {
            replayUntilMs = now + Math.max(graceMs, RESTORE_GRACE_MS);
        }
        return now < replayUntilMs;
    }

    private void close(List<CallEvent> all, boolean timeout, long now, ReadOnlyContext ctx, Collector<RatedCdr> out)
            throws Exception {
        Cdr cdr = CdrAssembler.assemble(all, timeout);
        RatedCdr rated = pricing.rate(cdr, ctx.getBroadcastState(CdrPricing.ACTIVATIONS), now);
        if (!rated.rated()) {
            unrated.inc();
        }
        out.collect(rated);
        long seen = 0;
        for (CallEvent e : all) {
            seen |= ClosedCall.bit(e.seq());
        }
        closed.update(new ClosedCall(now, seen));
        events.clear();
        Long due = deadline.value();
        if (due != null && due > now) {
            ctx.timerService().deleteProcessingTimeTimer(due);
        }
        deadline.clear();
        partition.clear();
    }

    private List<CallEvent> collected() throws Exception {
        List<CallEvent> all = new ArrayList<>();
        for (CallEvent e : events.values()) {
            all.add(e);
        }
        return all;
    }

    private void refuse(ReadOnlyContext ctx, EventRecord record, String reason) {
        ctx.output(REFUSED, letter(new String(record.value(), StandardCharsets.UTF_8),
                Origin.topicOffset(topic, record.partition(), record.offset()), reason));
    }

    private static DeadLetter letter(String raw, Origin origin, String reason) {
        return new DeadLetter(origin, raw, reason, REFUSED_BY, "", Instant.now());
    }
}
