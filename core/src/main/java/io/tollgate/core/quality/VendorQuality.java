package io.tollgate.core.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * The quality of one vendor towards one destination over one window, as the vendor-quality topic and the
 * {@code vendor_quality} table carry it: the counts, and the ratios derived from them.
 *
 * <p>The ratios are computed from the counts on every read, never stored beside them, so that a value cannot carry
 * an ASR its counts contradict. Each is rounded once, to {@value #SCALE} decimals {@link RoundingMode#HALF_UP}, and
 * is null when its denominator is zero: "no answered call" must not read as "an ACD of zero seconds".
 *
 * @param windowEnd exclusive
 * @param effective see {@link AttemptOutcome#effective()}
 * @param answeredS answered seconds, summed exactly
 * @param pddSamples attempts that reported a post-dial delay
 * @param pddSumMs their post-dial delays, summed
 */
public record VendorQuality(String vendor, String destination, Instant windowStart, Instant windowEnd,
                            long attempts, long answered, long effective, BigDecimal answeredS, long pddSamples,
                            long pddSumMs) {

    /** Decimals of every ratio: an ASR of 0.4567 is 45.67 %. */
    public static final int SCALE = 4;
    private static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public VendorQuality {
        Objects.requireNonNull(vendor, "vendor is required");
        Objects.requireNonNull(destination, "destination is required");
        Objects.requireNonNull(windowStart, "windowStart is required");
        Objects.requireNonNull(windowEnd, "windowEnd is required");
        Objects.requireNonNull(answeredS, "answeredS is required");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("windowEnd " + windowEnd + " is not after windowStart " + windowStart);
        }
        if (answered < 0 || answered > effective || effective > attempts || pddSamples < 0 || pddSamples > attempts
                || pddSumMs < 0 || answeredS.signum() < 0) {
            throw new IllegalArgumentException("counts do not fit together: attempts " + attempts + ", effective "
                    + effective + ", answered " + answered + ", answeredS " + answeredS.toPlainString()
                    + ", pddSamples " + pddSamples + ", pddSumMs " + pddSumMs);
        }
    }

    /** Answer-seizure ratio: answered / attempts, as a fraction. */
    public BigDecimal asr() {
        return ratio(BigDecimal.valueOf(answered), attempts);
    }

    /** Network effectiveness ratio: effective / attempts, as a fraction. */
    public BigDecimal ner() {
        return ratio(BigDecimal.valueOf(effective), attempts);
    }

    /** Average call duration in seconds: answered seconds / answered attempts. */
    public BigDecimal acdS() {
        return ratio(answeredS, answered);
    }

    /** Average post-dial delay in milliseconds, over the attempts that reported one. */
    public BigDecimal pddMs() {
        return ratio(BigDecimal.valueOf(pddSumMs), pddSamples);
    }

    /** The Kafka key: see {@link VendorDestination#key()}. */
    public String key() {
        return new VendorDestination(vendor, destination).key();
    }

    private static BigDecimal ratio(BigDecimal numerator, long denominator) {
        return denominator == 0 ? null : numerator.divide(BigDecimal.valueOf(denominator), SCALE, ROUNDING);
    }
}
