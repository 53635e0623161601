package io.tollgate.jobs.cdr;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrAssembler;
import io.tollgate.core.json.CodecException;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.Origin;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Call events, keyed by call id, to one CDR per call. A call closes when its END and every event before it are in;
 * an END with a gap before it waits {@code grace} for the stragglers, then closes flagged; a call whose END never
 * comes closes after {@code callTimeout} from its first event, flagged as timed out. After closing, the call's
 * sequence numbers are kept for {@code closedRetention}: a repeat of one is dropped as a duplicate, any other event
 * goes to the dead-letter with the reason, since the CDR it belongs to is already out.
 *
 * <p>Timers run on processing time: a call's lifetime is measured as it happens, and a replay from Kafka reaches
 * each END long before any timeout.
 */
public final class CdrAssembly extends KeyedProcessFunction<String, EventRecord, Cdr> {
    public static final OutputTag<DeadLetter> REFUSED = new OutputTag<>("refused-call-events") { };
    static final String REFUSED_BY = "cdr-assembly";

    /** What is kept of a closed call: when it closed and which events it was made of. */
    public record ClosedCall(long closedAtMs, long[] seqs) {
        boolean seen(long seq) {
            return Arrays.binarySearch(seqs, seq) >= 0;
        }
    }

    private final long callTimeoutMs;
    private final long graceMs;
    private final long closedRetentionMs;
    private transient MapState<Long, CallEvent> events;
    private transient ValueState<Long> deadline;
    private transient ValueState<ClosedCall> closed;
    private transient Counter duplicates;
    private transient Counter timedOut;

    public CdrAssembly(Duration callTimeout, Duration grace, Duration closedRetention) {
        this.callTimeoutMs = callTimeout.toMillis();
        this.graceMs = grace.toMillis();
        this.closedRetentionMs = closedRetention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        events = getRuntimeContext().getMapState(new MapStateDescriptor<>("events", Long.class, CallEvent.class));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("deadline", Long.class));
        closed = getRuntimeContext().getState(new ValueStateDescriptor<>("closed", ClosedCall.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateCallEvents");
        timedOut = getRuntimeContext().getMetricGroup().counter("timedOutCalls");
    }

    @Override
    public void processElement(EventRecord record, Context ctx, Collector<Cdr> out) throws Exception {
        CallEvent event;
        try {
            event = JsonCodec.CALL_EVENT.decode(record.value());
        } catch (CodecException e) {
            refuse(ctx, record, "not a call event: " + e.getMessage());
            return;
        }
        if (!event.callId().equals(record.callId())) {
            refuse(ctx, record, "the key '" + record.callId() + "' is not the event's callId '" + event.callId() + "'");
            return;
        }
        ClosedCall done = closed.value();
        if (done != null) {
            if (done.seen(event.seq())) {
                duplicates.inc();
            } else {
                refuse(ctx, record, "event " + event.type() + " seq " + event.seq() + " arrived after call "
                        + event.callId() + " was closed at " + Instant.ofEpochMilli(done.closedAtMs()));
            }
            return;
        }
        if (events.contains(event.seq())) {
            duplicates.inc();
            return;
        }
        events.put(event.seq(), event);
        long now = ctx.timerService().currentProcessingTime();
        if (deadline.value() == null) {
            deadline.update(now + callTimeoutMs);
            ctx.timerService().registerProcessingTimeTimer(now + callTimeoutMs);
        }
        List<CallEvent> all = collected();
        if (CdrAssembler.complete(all)) {
            close(all, false, now, ctx, out);
        } else if (event.type() == CallEvent.Type.END) {
            ctx.timerService().registerProcessingTimeTimer(now + graceMs);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Cdr> out) throws Exception {
        ClosedCall done = closed.value();
        if (done != null) {
            if (timestamp >= done.closedAtMs() + closedRetentionMs) {
                closed.clear();
            }
            return;
        }
        List<CallEvent> all = collected();
        if (all.isEmpty()) {
            return;
        }
        boolean ended = all.stream().anyMatch(e -> e.type() == CallEvent.Type.END);
        Long due = deadline.value();
        if (ended || (due != null && timestamp >= due)) {
            if (!ended) {
                timedOut.inc();
            }
            close(all, !ended, timestamp, ctx, out);
        }
    }

    private void close(List<CallEvent> all, boolean timeout, long now, Context ctx, Collector<Cdr> out)
            throws Exception {
        out.collect(CdrAssembler.assemble(all, timeout));
        long[] seqs = all.stream().mapToLong(CallEvent::seq).sorted().toArray();
        closed.update(new ClosedCall(now, seqs));
        events.clear();
        deadline.clear();
        ctx.timerService().registerProcessingTimeTimer(now + closedRetentionMs);
    }

    private List<CallEvent> collected() throws Exception {
        List<CallEvent> all = new ArrayList<>();
        for (CallEvent e : events.values()) {
            all.add(e);
        }
        return all;
    }

    private static void refuse(Context ctx, EventRecord record, String reason) {
        ctx.output(REFUSED, new DeadLetter(Origin.topicOffset(record.topic(), record.partition(), record.offset()),
                new String(record.value(), StandardCharsets.UTF_8), reason, REFUSED_BY, "", Instant.now()));
    }
}
