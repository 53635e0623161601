package io.tollgate.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A vendor described by its statistics rather than by number prefixes: the share of calls it answers (ASR), its
 * post-dial delay, its talk times, and the causes of the calls it does not answer, weighted. Answered calls ring
 * for the post-dial delay first; refused calls are refused after it (a cause 19 rings until then).
 *
 * @param answerRatio   share of calls answered, 0..1
 * @param postDialDelay time from dialling to the answer or refusal
 * @param talk          talk time of an answered call, after which the vendor hangs up
 * @param failureCauses Q.850 causes of unanswered calls with their weights (e.g. 17 → 0.5, 34 → 0.3, 19 → 0.2)
 */
public record VendorProfile(double answerRatio, Distribution postDialDelay, Distribution talk,
                            Map<Integer, Double> failureCauses) {

    public VendorProfile {
        if (answerRatio < 0 || answerRatio > 1) {
            throw new IllegalArgumentException("answerRatio must be within 0..1: " + answerRatio);
        }
        failureCauses = Map.copyOf(failureCauses.isEmpty() ? Map.of(Causes.CONGESTION, 1.0) : failureCauses);
    }

    /** A vendor answering {@code answerRatio} of calls after {@code pdd}, talking {@code talk}, refusing with 34. */
    public static VendorProfile of(double answerRatio, Duration pdd, Duration talk) {
        return new VendorProfile(answerRatio, Distribution.fixed(pdd), Distribution.fixed(talk),
                new LinkedHashMap<>(Map.of(Causes.CONGESTION, 1.0)));
    }

    /** This profile as the behaviour of one trunk, drawing from {@code random}. */
    VendorBehaviour behaviour(RandomGenerator random) {
        return (number, trunk) -> {
            Duration pdd = postDialDelay.sample(random);
            if (random.nextDouble() < answerRatio) {
                return pdd.isZero() ? FarEnd.answers(Duration.ZERO, talk.sample(random))
                        : FarEnd.ringsThenAnswers(pdd, talk.sample(random));
            }
            int cause = pickCause(random.nextDouble());
            return cause == Causes.NO_ANSWER ? FarEnd.ringsThenRefuses(cause, pdd) : FarEnd.refuses(cause, pdd);
        };
    }

    private int pickCause(double draw) {
        double total = failureCauses.values().stream().mapToDouble(Double::doubleValue).sum();
        double at = draw * total;
        int last = Causes.CONGESTION;
        for (var e : new java.util.TreeMap<>(failureCauses).entrySet()) {
            last = e.getKey();
            at -= e.getValue();
            if (at < 0) {
                return last;
            }
        }
        return last;
    }
}
