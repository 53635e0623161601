package io.tollgate.jobs.cdr;

import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the call events a source instance reads into one {@link EventBundle} per call, for at most
 * {@code maxDelay} or {@code maxRecords} records: a call's SETUP and first attempt, its answer, its HANGUP and END
 * come in bursts, and a replay brings whole calls, so most records share a trip through the shuffle and one visit
 * to their call's state.
 *
 * <p>Nothing is held across a checkpoint: the bundles are sent before the barrier
 * ({@link #prepareSnapshotPreBarrier}), so the source's offsets in the checkpoint never cover an event still here,
 * and the operator has no state of its own to restore.
 */
public final class EventBundling extends AbstractStreamOperator<EventBundle>
        implements OneInputStreamOperator<EventRecord, EventBundle>, ProcessingTimeCallback {
    private static final EventRecord[] NONE = new EventRecord[0];

    private final long maxDelayMs;
    private final int maxRecords;
    private transient Map<String, List<EventRecord>> byCall;
    private transient int held;
    private transient boolean timerSet;

    public EventBundling(Duration maxDelay, int maxRecords) {
        this.maxDelayMs = maxDelay.toMillis();
        this.maxRecords = maxRecords;
    }

    @Override
    public void open() throws Exception {
        super.open();
        byCall = new LinkedHashMap<>();
    }

    @Override
    public void processElement(StreamRecord<EventRecord> element) {
        EventRecord record = element.getValue();
        byCall.computeIfAbsent(record.callId(), id -> new ArrayList<>(8)).add(record);
        if (++held >= maxRecords) {
            send();
        } else if (!timerSet) {
            timerSet = true;
            var time = getProcessingTimeService();
            time.registerTimer(time.getCurrentProcessingTime() + maxDelayMs, this);
        }
    }

    @Override
    public void onProcessingTime(long time) {
        timerSet = false;
        send();
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        send();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        send();
        super.processWatermark(mark);
    }

    @Override
    public void finish() throws Exception {
        send();
        super.finish();
    }

    private void send() {
        for (Map.Entry<String, List<EventRecord>> call : byCall.entrySet()) {
            output.collect(new StreamRecord<>(new EventBundle(call.getKey(), call.getValue().toArray(NONE))));
        }
        byCall.clear();
        held = 0;
    }
}
