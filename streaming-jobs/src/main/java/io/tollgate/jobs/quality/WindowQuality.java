package io.tollgate.jobs.quality;

import io.tollgate.core.quality.QualityTally;
import io.tollgate.core.quality.VendorDestination;
import io.tollgate.core.quality.VendorQuality;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Instant;

/** A window's tally as the quality of its vendor × destination over that window. */
public final class WindowQuality
        extends ProcessWindowFunction<QualityTally, VendorQuality, VendorDestination, TimeWindow> {

    @Override
    public void process(VendorDestination cell, Context context, Iterable<QualityTally> tallies,
                        Collector<VendorQuality> out) {
        TimeWindow window = context.window();
        for (QualityTally tally : tallies) {
            out.collect(tally.in(cell, Instant.ofEpochMilli(window.getStart()), Instant.ofEpochMilli(window.getEnd())));
        }
    }
}
