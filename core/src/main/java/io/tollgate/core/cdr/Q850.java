package io.tollgate.core.cdr;

/** Q.850 cause codes are 7-bit values; anything else is a corrupted or invented cause. */
final class Q850 {

    static final int MAX = 127;

    private Q850() {
    }

    static void check(Integer cause) {
        if (cause != null && (cause < 0 || cause > MAX)) {
            throw new IllegalArgumentException("cause must be a Q.850 code 0.." + MAX + ": " + cause);
        }
    }
}
