package io.tollgate.core.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The counts behind one vendor × destination's quality over some span of time. Counts, not ratios, are what add
 * up: two windows' ASRs cannot be averaged, their attempts and answers can. Ratios come only at the end, from
 * {@link VendorQuality}.
 *
 * @param effective attempts answered or failed for a user's reason (the numerator of NER)
 * @param answeredS answered seconds, summed exactly (the numerator of ACD)
 * @param pddSamples attempts that reported a post-dial delay (the denominator of PDD)
 * @param pddSumMs their post-dial delays, summed
 */
public record QualityTally(long attempts, long answered, long effective, BigDecimal answeredS, long pddSamples,
                           long pddSumMs) {

    /** Nothing counted yet. */
    public static final QualityTally NONE = new QualityTally(0, 0, 0, BigDecimal.ZERO, 0, 0);

    public QualityTally {
        Objects.requireNonNull(answeredS, "answeredS is required");
    }

    /** The tally of a single attempt. */
    public static QualityTally of(AttemptOutcome attempt) {
        boolean pdd = attempt.pddMs() != null;
        return new QualityTally(1, attempt.answered() ? 1 : 0, attempt.effective() ? 1 : 0, attempt.answeredS(),
                pdd ? 1 : 0, pdd ? attempt.pddMs() : 0);
    }

    public QualityTally add(AttemptOutcome attempt) {
        return merge(of(attempt));
    }

    public QualityTally merge(QualityTally other) {
        return new QualityTally(attempts + other.attempts, answered + other.answered, effective + other.effective,
                answeredS.add(other.answeredS), pddSamples + other.pddSamples, pddSumMs + other.pddSumMs);
    }

    /** These counts as the quality of {@code cell} over {@code [windowStart, windowEnd)}. */
    public VendorQuality in(VendorDestination cell, Instant windowStart, Instant windowEnd) {
        return new VendorQuality(cell.vendor(), cell.destination(), windowStart, windowEnd, attempts, answered,
                effective, answeredS, pddSamples, pddSumMs);
    }
}
