package io.tollgate.sim.traffic;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The attacks a fraud analyst must catch, as traffic a generator run can switch on by name. Each is a burst from
 * one customer, on top of its ordinary traffic, in the test range the simulated vendors act on.
 */
public enum FraudScenario {
    /** International revenue share fraud: long answered calls at a high rate to a premium range (+2899, priced high). */
    IRSF("2899", 5, Duration.ofSeconds(60)),
    /** Wangiri-style traffic: very short answered calls (1–2 s) to many distinct numbers of one number range. */
    WANGIRI("2800", 20, Duration.ofSeconds(30)),
    /** Sequential dialling: one number after the other in a block, as a scanner does. */
    SEQUENTIAL("28030", 5, Duration.ofSeconds(60)),
    /** A sudden jump of concurrent calls: ten times a customer's usual rate of long calls. */
    CONCURRENCY_SPIKE("28059", 50, Duration.ofSeconds(20)),
    /** Cost spike: answered calls to the dearest destination of the example decks (German mobile, +4915). */
    COST_SPIKE("4915", 5, Duration.ofSeconds(60));

    private final String prefix;
    private final double cps;
    private final Duration length;

    FraudScenario(String prefix, double cps, Duration length) {
        this.prefix = prefix;
        this.cps = cps;
        this.length = length;
    }

    /** The name used on the command line: {@code irsf}, {@code wangiri}, {@code concurrency-spike}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FraudScenario of(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fraud scenario '" + label + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(FraudScenario::label).toList())));
    }

    /** The scenario as a source of calls from {@code customer}, starting {@code at} into the run. */
    public Source source(String customer, String callerEndpoint, Duration at, RandomGenerator random) {
        return source(customer, callerEndpoint, at, random, cps);
    }

    /** The scenario at {@code callsPerSecond} instead of its own rate: an attack a customer's limits let through. */
    public Source source(String customer, String callerEndpoint, Duration at, RandomGenerator random,
                         double callsPerSecond) {
        // a sequential block starts somewhere new on every run, so its numbers stay unique across runs
        long block = 100_000_000L + random.nextLong(800_000_000L);
        return new Source(label(), customer, callerEndpoint, callsPerSecond, at, at.plus(length),
                n -> number(n, block, random));
    }

    private String number(long n, long block, RandomGenerator random) {
        return switch (this) {
            // 28001/28002: answer, talk one or two seconds; a block of a thousand numbers under each
            case WANGIRI -> prefix + (1 + random.nextInt(2)) + String.format("%06d%03d", block % 1_000_000,
                    random.nextInt(1000));
            case SEQUENTIAL -> prefix + String.format("%09d", block + n);
            default -> Numbers.unique(prefix, random);
        };
    }
}
