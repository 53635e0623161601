package io.tollgate.sim.traffic;

import java.util.random.RandomGenerator;

/** Dialled numbers of the generator: 14 digits, well within E.164's 15. */
final class Numbers {
    static final int LENGTH = 14;

    private Numbers() {
    }

    /** {@code prefix} and random digits up to {@link #LENGTH}. */
    static String unique(String prefix, RandomGenerator random) {
        return unique(prefix, random, LENGTH);
    }

    /** {@code prefix} and random digits up to {@code length}. */
    static String unique(String prefix, RandomGenerator random, int length) {
        StringBuilder number = new StringBuilder(prefix);
        while (number.length() < length) {
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }
}
