package io.tollgate.jobs.fraud.features;

import java.math.BigDecimal;

/** An amount per epoch minute for the last {@code capacity} minutes, in a ring like {@link MinuteCounts}. */
public final class MinuteAmounts {
    private long[] minutes;
    private BigDecimal[] values;

    public MinuteAmounts() {
        this(MinuteCounts.DEFAULT_CAPACITY);
    }

    MinuteAmounts(int capacity) {
        minutes = Minutes.freeSlots(capacity);
        values = new BigDecimal[capacity];
    }

    void add(long minute, BigDecimal amount) {
        int slot = Minutes.claim(minutes, minute);
        if (slot == -1) {
            return;
        }
        if (slot < -1) {
            slot = -2 - slot;
            values[slot] = null;
        }
        values[slot] = values[slot] == null ? amount : values[slot].add(amount);
    }

    /** The sum over minutes {@code from} (inclusive) to {@code to} (exclusive). */
    BigDecimal sum(long from, long to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (long m = Math.max(from, to - minutes.length); m < to; m++) {
            int slot = Minutes.find(minutes, m);
            if (slot >= 0 && values[slot] != null) {
                sum = sum.add(values[slot]);
            }
        }
        return sum;
    }

    void ensureCapacity(int capacity) {
        if (capacity <= minutes.length) {
            return;
        }
        long[] oldMinutes = minutes;
        BigDecimal[] oldValues = values;
        minutes = Minutes.freeSlots(capacity);
        values = new BigDecimal[capacity];
        for (int i = 0; i < oldMinutes.length; i++) {
            if (oldMinutes[i] != Minutes.FREE && oldValues[i] != null) {
                add(oldMinutes[i], oldValues[i]);
            }
        }
    }

    void clear() {
        java.util.Arrays.fill(minutes, Minutes.FREE);
        java.util.Arrays.fill(values, null);
    }
}
