package io.tollgate.sim.traffic;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What ordinary traffic dials: outcomes in proportion, each a test-range prefix the vendors act on, made unique
 * with random digits so every call is recognisable end to end.
 */
public record NumberMix(List<Share> shares) {

    /** A {@code weight} share of calls dialled with {@code prefix} (talk time encoded where the prefix has it). */
    public record Share(String outcome, String prefix, int weight) {
    }

    public NumberMix {
        shares = List.copyOf(shares);
        if (shares.isEmpty() || shares.stream().mapToInt(Share::weight).sum() <= 0) {
            throw new IllegalArgumentException("a number mix needs at least one share with a positive weight");
        }
    }

    /**
     * A carrier's ordinary hour: most calls answered with talk times spread over {@code talkSeconds}, and the usual
     * failures (busy, a congested first vendor, congestion everywhere, unallocated, no answer).
     */
    public static NumberMix ordinary(List<Integer> talkSeconds) {
        List<Share> shares = new java.util.ArrayList<>();
        for (int s : talkSeconds) {
            if (s < 1 || s > 99) {
                throw new IllegalArgumentException("talk times are 1..99 s (two digits of the 280SS prefix): " + s);
            }
            shares.add(new Share("answered", "280" + (s < 10 ? "0" : "") + s, 70 * 12 / talkSeconds.size()));
        }
        shares.add(new Share("busy", "281", 10 * 12));
        shares.add(new Share("congested-then-answered", "2863", 5 * 12));
        shares.add(new Share("congested", "282", 5 * 12));
        shares.add(new Share("unallocated", "283", 5 * 12));
        shares.add(new Share("no-answer", "28405", 5 * 12));
        return new NumberMix(shares);
    }

    /** Only answered calls, each talking {@code talkSeconds}. */
    public static NumberMix answered(int talkSeconds) {
        return new NumberMix(List.of(new Share("answered", "280" + (talkSeconds < 10 ? "0" : "") + talkSeconds, 1)));
    }

    public String next(RandomGenerator random) {
        int total = shares.stream().mapToInt(Share::weight).sum();
        int pick = random.nextInt(total);
        for (Share share : shares) {
            pick -= share.weight();
            if (pick < 0) {
                return Numbers.unique(share.prefix(), random);
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
