package io.tollgate.reports.recon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How far two CDRs may differ: starts, to be a pair at all (inclusive); durations and costs, to be {@code matched}
 * rather than a mismatch (a difference equal to the tolerance is within it).
 */
public record Tolerances(Duration time, BigDecimal duration, BigDecimal cost) {
    public static final Tolerances DEFAULT = new Tolerances(Duration.ofSeconds(2), BigDecimal.ONE, new BigDecimal("0.001"));

    public Tolerances {
        if (time.isNegative() || duration.signum() < 0 || cost.signum() < 0) {
            throw new IllegalArgumentException("tolerances must be >= 0");
        }
    }

    /** {@code seconds} >= 0 as a time tolerance; below a nanosecond is dropped (starts are compared in whole nanoseconds). */
    public static Duration seconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.DOWN);
        int nanos = seconds.subtract(whole).movePointRight(9).intValue();
        return Duration.ofSeconds(whole.longValueExact(), nanos);
    }
}
