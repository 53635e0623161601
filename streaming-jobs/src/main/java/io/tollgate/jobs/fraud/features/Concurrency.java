package io.tollgate.jobs.fraud.features;

/**
 * The peak number of open calls in each minute. Between two changes the level stays as it was, so a change fills
 * the minutes since the previous one with the previous level; changes are taken in the order they arrive.
 */
public final class Concurrency {
    private MinuteCounts peaks = new MinuteCounts();
    private long lastMinute = CallEntry.NONE;
    private long level;

    public Concurrency() {
    }

    /** The open count became {@code open} at {@code minute} (or is still {@code open} then). */
    void record(long minute, long open) {
        if (lastMinute != CallEntry.NONE && minute > lastMinute) {
            for (long m = Math.max(lastMinute + 1, minute - peaks.capacity()); m <= minute; m++) {
                peaks.max(m, level);
            }
        }
        peaks.max(minute, open);
        lastMinute = lastMinute == CallEntry.NONE ? minute : Math.max(lastMinute, minute);
        level = open;
    }

    /** The sum of the peaks of minutes {@code from} (inclusive) to {@code to} (exclusive). */
    long sumOfPeaks(long from, long to) {
        return peaks.sum(from, to);
    }

    void ensureCapacity(int minutes) {
        peaks.ensureCapacity(minutes);
    }
}
