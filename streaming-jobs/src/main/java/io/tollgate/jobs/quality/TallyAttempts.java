package io.tollgate.jobs.quality;

import io.tollgate.core.quality.AttemptOutcome;
import io.tollgate.core.quality.QualityTally;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a window's attempts as they arrive, so that a window holds one tally, not its attempts. */
public final class TallyAttempts implements AggregateFunction<AttemptOutcome, QualityTally, QualityTally> {

    @Override
    public QualityTally createAccumulator() {
        return QualityTally.NONE;
    }

    @Override
    public QualityTally add(AttemptOutcome attempt, QualityTally tally) {
        return tally.add(attempt);
    }

    @Override
    public QualityTally getResult(QualityTally tally) {
        return tally;
    }

    @Override
    public QualityTally merge(QualityTally a, QualityTally b) {
        return a.merge(b);
    }
}
