package io.tollgate.jobs.quality;

import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.quality.AttemptOutcome;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** A CDR as its route attempts, each to be counted for its own vendor (see {@link AttemptOutcome#of(Cdr)}). */
public final class AttemptOutcomes implements FlatMapFunction<Cdr, AttemptOutcome> {

    @Override
    public void flatMap(Cdr cdr, Collector<AttemptOutcome> out) {
        AttemptOutcome.of(cdr).forEach(out::collect);
    }
}
