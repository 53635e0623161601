package io.tollgate.jobs.fraud.features;

/**
 * A count per epoch minute for the last {@code capacity} minutes, in a ring: a newer minute takes over the slot of
 * the minute {@code capacity} before it, so the state never grows (16 bytes a minute) and needs no pruning.
 */
public final class MinuteCounts {
    static final int DEFAULT_CAPACITY = 64;

    private long[] minutes;
    private long[] values;

    public MinuteCounts() {
        this(DEFAULT_CAPACITY);
    }

    MinuteCounts(int capacity) {
        minutes = Minutes.freeSlots(capacity);
        values = new long[capacity];
    }

    int capacity() {
        return minutes.length;
    }

    void add(long minute, long n) {
        int slot = slot(minute);
        if (slot >= 0) {
            values[slot] += n;
        }
    }

    void max(long minute, long value) {
        int slot = slot(minute);
        if (slot >= 0) {
            values[slot] = Math.max(values[slot], value);
        }
    }

    long get(long minute) {
        int slot = Minutes.find(minutes, minute);
        return slot < 0 ? 0 : values[slot];
    }

    /** The sum over minutes {@code from} (inclusive) to {@code to} (exclusive); minutes not held count 0. */
    long sum(long from, long to) {
        long sum = 0;
        for (long m = Math.max(from, to - minutes.length); m < to; m++) {
            sum += get(m);
        }
        return sum;
    }

    /** Grows the ring to hold at least {@code capacity} minutes, keeping what it holds. */
    void ensureCapacity(int capacity) {
        if (capacity <= minutes.length) {
            return;
        }
        long[] oldMinutes = minutes;
        long[] oldValues = values;
        minutes = Minutes.freeSlots(capacity);
        values = new long[capacity];
        for (int i = 0; i < oldMinutes.length; i++) {
            if (oldMinutes[i] != Minutes.FREE) {
                add(oldMinutes[i], oldValues[i]);
            }
        }
    }

    private int slot(long minute) {
        int slot = Minutes.claim(minutes, minute);
        if (slot < -1) {
            slot = -2 - slot;
            values[slot] = 0;
        }
        return slot;
    }
}
