package io.tollgate.jobs.fraud.features;

/** One quality window of a vendor route as {@link VendorRoutes} keeps it: 32 bytes of counts, ~50 with its object. */
public final class QualityCounts {
    private long startMs;
    private long endMs;
    private long attempts;
    private long answered;

    public QualityCounts() {
    }

    QualityCounts(long startMs, long endMs, long attempts, long answered) {
        this.startMs = startMs;
        this.endMs = endMs;
        this.attempts = attempts;
        this.answered = answered;
    }

    long startMs() {
        return startMs;
    }

    long endMs() {
        return endMs;
    }

    long attempts() {
        return attempts;
    }

    long answered() {
        return answered;
    }

    boolean sameAs(QualityCounts other) {
        return startMs == other.startMs && endMs == other.endMs && attempts == other.attempts
                && answered == other.answered;
    }
}
