package io.tollgate.core.testing;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The cases a property is checked on: hand-picked edge cases first, then {@code count} values drawn from a seeded
 * {@link Random}, the same on every run.
 *
 * <p>The seed is {@link #DEFAULT_SEED} unless {@code -Dtollgate.seed=N} (decimal or 0x-hex; {@code random} for a
 * fresh one) says otherwise. Every drawn case names the seed in its display name and in its failure message, so a
 * failure on CI replays locally with {@code mvn -pl core test -Dtollgate.seed=N -Dtest=TheTest}. Case {@code i}
 * draws from its own {@code Random}, seeded from the run's seed and {@code i}, so it does not depend on how much
 * the cases before it drew.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> findAgreesWithAScan() {
 *     return Cases.draw(1000, MyTest::lookup).withEdgeCases(emptyDeck).check(l -> assertThat(...));
 * }
 *
 * static Stream<Arguments> lookups() {             // or, for a @ParameterizedTest @MethodSource("lookups")
 *     return Cases.draw(1000, MyTest::lookup).arguments();
 * }
 * }</pre>
 */
public final class Cases<T> {
    public static final String SEED_PROPERTY = "tollgate.seed";
    public static final long DEFAULT_SEED = 20_260_101L;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final int MAX_SHOWN = 2_000;

    private final long seed;
    private final List<T> edgeCases;
    private final List<T> drawn;

    private Cases(long seed, List<T> edgeCases, List<T> drawn) {
        this.seed = seed;
        this.edgeCases = edgeCases;
        this.drawn = drawn;
    }

    /** The run's seed: {@code tollgate.seed} if set, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        return Seed.VALUE;
    }

    /** {@code count} values drawn with the run's seed. */
    public static <T> Cases<T> draw(int count, Function<Random, ? extends T> generator) {
        return draw(seed(), "", count, generator);
    }

    /**
     * {@code count} values drawn with the run's seed from a stream of its own, so that two properties over the same
     * generator see different values.
     */
    public static <T> Cases<T> draw(String stream, int count, Function<Random, ? extends T> generator) {
        return draw(seed(), stream, count, generator);
    }

    /** {@code count} values drawn with {@code seed}: case {@code i} from a {@code Random} of its own. */
    public static <T> Cases<T> draw(long seed, String stream, int count, Function<Random, ? extends T> generator) {
        long base = seed ^ stream.hashCode() * 0xC2B2AE3D27D4EB4FL;
        List<T> drawn = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drawn.add(generator.apply(new Random(base + GOLDEN_GAMMA * (i + 1))));
        }
        return new Cases<>(seed, List.of(), Collections.unmodifiableList(drawn));
    }

    /** These cases, checked before the drawn ones (and not counted among them). */
    @SafeVarargs
    public final Cases<T> withEdgeCases(T... more) {
        List<T> all = new ArrayList<>(edgeCases);
        for (T e : more) {
            all.add(e);
        }
        return new Cases<>(seed, Collections.unmodifiableList(all), drawn);
    }

    public Cases<T> withEdgeCases(List<? extends T> more) {
        List<T> all = new ArrayList<>(edgeCases);
        all.addAll(more);
        return new Cases<>(seed, Collections.unmodifiableList(all), drawn);
    }

    /** The share of the drawn cases (edge cases left out) that {@code condition} holds for, from 0 to 1. */
    public double share(Predicate<? super T> condition) {
        return drawn.isEmpty() ? 0 : (double) drawn.stream().filter(condition).count() / drawn.size();
    }

    /** One dynamic test per case; a failure names the case, the seed and the value. */
    public Stream<DynamicTest> check(ThrowingConsumer<? super T> property) {
        return IntStream.range(0, edgeCases.size() + drawn.size()).mapToObj(i -> {
            T value = valueAt(i);
            String name = nameOf(i);
            return DynamicTest.dynamicTest(name, () -> {
                try {
                    property.accept(value);
                } catch (Throwable e) {
                    if (e instanceof VirtualMachineError) {
                        throw e;
                    }
                    throw new AssertionError(name + " failed; replay with -D" + SEED_PROPERTY + "=" + seed
                            + "\n  case: " + shown(value) + "\n  " + e, e);
                }
            });
        });
    }

    /** One {@link Arguments} per case for a {@code @MethodSource}, named with the case and the seed. */
    public Stream<Arguments> arguments() {
        return IntStream.range(0, edgeCases.size() + drawn.size())
                .mapToObj(i -> Arguments.of(Named.of(nameOf(i), valueAt(i))));
    }

    private T valueAt(int i) {
        return i < edgeCases.size() ? edgeCases.get(i) : drawn.get(i - edgeCases.size());
    }

    private String nameOf(int i) {
        return i < edgeCases.size()
                ? "edge case " + (i + 1) + " of " + edgeCases.size()
                : "case " + (i - edgeCases.size() + 1) + " of " + drawn.size() + " (" + SEED_PROPERTY + "=" + seed + ")";
    }

    /** The value as a line of text: control characters escaped, cut after {@value #MAX_SHOWN} characters. */
    private static String shown(Object value) {
        StringBuilder out = new StringBuilder();
        for (char c : String.valueOf(value).toCharArray()) {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() <= MAX_SHOWN ? out.toString() : out.substring(0, MAX_SHOWN) + "... (" + out.length() + " chars)";
    }

    /** Read once per test JVM, so every property of a run uses (and prints) the same seed. */
    private static final class Seed {
        static final long VALUE = parse(System.getProperty(SEED_PROPERTY));

        private static long parse(String text) {
            if (text == null || text.isBlank()) {
                return DEFAULT_SEED;
            }
            String s = text.strip();
            if (s.equalsIgnoreCase("random")) {
                return new Random().nextLong();
            }
            try {
                return s.startsWith("0x") || s.startsWith("0X")
                        ? Long.parseUnsignedLong(s.substring(2), 16)
                        : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "-D" + SEED_PROPERTY + " must be a long (decimal or 0x-hex) or 'random', got '" + text + "'", e);
            }
        }
    }
}
