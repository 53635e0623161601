package io.tollgate.core.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Drawing test values from a {@link Random}, leaning on the edges: one draw in {@value #EDGE_ONE_IN} of a range comes
 * out at its minimum, its maximum or zero, and a length or size at its ends (empty, full), because that is where
 * the bugs are. Generators built from these take the {@code Random} of their case: {@code static Row row(Random r)}.
 */
public final class Draw {
    /** One draw in this many lands on an edge of its range. */
    public static final int EDGE_ONE_IN = 10;

    private Draw() {
    }

    /** True with probability {@code p}. */
    public static boolean chance(Random r, double p) {
        return r.nextDouble() < p;
    }

    /** From {@code min} to {@code max}, both included; the ends and zero come up more often. */
    public static int between(Random r, int min, int max) {
        return (int) between(r, (long) min, max);
    }

    /** From {@code min} to {@code max}, both included; the ends and zero come up more often. */
    public static long between(Random r, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        if (r.nextInt(EDGE_ONE_IN) == 0) {
            int edge = r.nextInt(3);
            return edge == 0 ? min : edge == 1 ? max : min <= 0 && 0 <= max ? 0 : min;
        }
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return r.nextLong();
        }
        return max == Long.MAX_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong(min, max + 1);
    }

    /** From {@code min} to {@code max}, both included; the ends and zero come up more often. */
    public static BigInteger between(Random r, BigInteger min, BigInteger max) {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        if (r.nextInt(EDGE_ONE_IN) == 0) {
            int edge = r.nextInt(3);
            return edge == 0 ? min : edge == 1 || min.signum() > 0 || max.signum() < 0 ? max : BigInteger.ZERO;
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        BigInteger offset;
        do {
            offset = new BigInteger(span.bitLength(), r);
        } while (offset.compareTo(span) >= 0);
        return min.add(offset);
    }

    @SafeVarargs
    public static <T> T oneOf(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }

    public static <T> T oneOf(Random r, List<? extends T> values) {
        return values.get(r.nextInt(values.size()));
    }

    public static <E extends Enum<E>> E oneOf(Random r, Class<E> type) {
        return oneOf(r, type.getEnumConstants());
    }

    /** Null with probability {@code nullShare}, else a value of {@code generator}. */
    public static <T> T orNull(Random r, double nullShare, Function<Random, ? extends T> generator) {
        return chance(r, nullShare) ? null : generator.apply(r);
    }

    /** {@code minLength} to {@code maxLength} characters of {@code alphabet}. */
    public static String string(Random r, String alphabet, int minLength, int maxLength) {
        return string(r, minLength, maxLength, rr -> alphabet.charAt(rr.nextInt(alphabet.length())));
    }

    /** {@code minLength} to {@code maxLength} code points (not chars) of {@code codePoint}. */
    public static String string(Random r, int minLength, int maxLength, ToIntFunction<Random> codePoint) {
        int length = between(r, minLength, maxLength);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(codePoint.applyAsInt(r));
        }
        return s.toString();
    }

    /** {@code minSize} to {@code maxSize} elements. */
    public static <T> List<T> listOf(Random r, int minSize, int maxSize, Function<Random, ? extends T> element) {
        int size = between(r, minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(r));
        }
        return list;
    }

    /**
     * Up to {@code maxSize} elements, no two with the same {@code key}: a drawn duplicate is dropped, so a list may
     * come out shorter when the keys are few.
     */
    public static <T> List<T> distinctListOf(Random r, int maxSize, Function<Random, ? extends T> element,
                                             Function<? super T, ?> key) {
        List<T> list = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        for (T e : listOf(r, 0, maxSize, element)) {
            if (keys.add(key.apply(e))) {
                list.add(e);
            }
        }
        return list;
    }

    /** Up to {@code maxSize} entries; a drawn duplicate key is dropped. */
    public static <K, V> Map<K, V> mapOf(Random r, int minSize, int maxSize, Function<Random, ? extends K> key,
                                         Function<Random, ? extends V> value) {
        int size = between(r, minSize, maxSize);
        Map<K, V> map = new LinkedHashMap<>();
        for (int tries = 0; map.size() < size && tries < 10 * size; tries++) {
            map.putIfAbsent(key.apply(r), value.apply(r));
        }
        return map;
    }
}
