package io.tollgate.jobs.quality;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.quality.AttemptOutcome;
import io.tollgate.core.quality.VendorQuality;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

import java.time.Duration;

/**
 * Vendor quality (ASR, NER, ACD, PDD) per vendor × destination over sliding event-time windows, from assembled
 * CDRs. Every attempt of a call counts for its own vendor; the destination is the called number's country code.
 *
 * <p><b>Event time is the CDR's end</b>: a call counts in the windows its end falls in, since only then is its
 * outcome known. The caller gives the CDR stream those timestamps and watermarks ({@link #cdrEnd} does it); this
 * class assigns none, so that the job keeps one watermark policy. A CDR that arrives after the watermark has passed
 * its end counts only in the windows still open: a window that has fired is not reopened.
 *
 * <p>A window emits only if an attempt fell in it: a vendor × destination that had no traffic has no row rather
 * than a row of nulls. Windows overlap: with 15 minutes sliding by 5, each attempt counts in three.
 */
public final class VendorQualityStream {
    // fixed, because a savepoint finds the windows' state by them
    private static final String ATTEMPTS_UID = "vendor-quality-attempts";
    private static final String WINDOWS_UID = "vendor-quality-windows";

    private VendorQualityStream() {
    }

    /**
     * The quality of every vendor × destination for every window, each emitted once the watermark passes the
     * window's end.
     *
     * @param size  how long a window is
     * @param slide how often a window starts and so how often each vendor × destination is reported; windows
     *              start at whole multiples of it since the epoch
     */
    public static SingleOutputStreamOperator<VendorQuality> apply(DataStream<Cdr> cdrs, Duration size,
                                                                   Duration slide) {
        return cdrs
                .flatMap(new AttemptOutcomes()).name("vendor quality: attempts").uid(ATTEMPTS_UID)
                .keyBy(AttemptOutcome::cell)
                .window(SlidingEventTimeWindows.of(size, slide))
                .aggregate(new TallyAttempts(), new WindowQuality()).name("vendor quality: windows").uid(WINDOWS_UID);
    }

    /**
     * Timestamps CDRs by their end and lets watermarks trail the latest end by {@code outOfOrder}: how much later
     * than another call a call that ended before it may still arrive (assembly emits a CDR when its call ends or
     * times out, and the cdrs topic has many partitions). Reading a topic whose partitions can fall quiet, add
     * {@code withIdleness}, or a quiet partition holds every window back.
     */
    public static WatermarkStrategy<Cdr> cdrEnd(Duration outOfOrder) {
        return WatermarkStrategy.<Cdr>forBoundedOutOfOrderness(outOfOrder)
                .withTimestampAssigner((cdr, previous) -> cdr.end().toEpochMilli());
    }
}
