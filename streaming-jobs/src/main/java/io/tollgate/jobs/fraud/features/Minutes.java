package io.tollgate.jobs.fraud.features;

/** Epoch minutes, and the slots of a ring of per-minute values indexed by them. */
final class Minutes {
    static final long MS = 60_000L;
    /** A slot no minute has claimed yet. */
    static final long FREE = Long.MIN_VALUE;

    private Minutes() {
    }

    static long of(long epochMs) {
        return Math.floorDiv(epochMs, MS);
    }

    /** The slot holding {@code minute}, or -1. */
    static int find(long[] minutes, long minute) {
        int slot = (int) Math.floorMod(minute, (long) minutes.length);
        return minutes[slot] == minute ? slot : -1;
    }

    /**
     * The slot for {@code minute}, taking it over from an older minute (the caller clears its value when the
     * returned slot is {@code -2 - slot}); -1 when the slot holds a newer minute, which makes {@code minute} too old.
     */
    static int claim(long[] minutes, long minute) {
        int slot = (int) Math.floorMod(minute, (long) minutes.length);
        if (minutes[slot] == minute) {
            return slot;
        }
        if (minutes[slot] > minute) {
            return -1;
        }
        minutes[slot] = minute;
        return -2 - slot;
    }

    static long[] freeSlots(int capacity) {
        long[] minutes = new long[capacity];
        java.util.Arrays.fill(minutes, FREE);
        return minutes;
    }
}
