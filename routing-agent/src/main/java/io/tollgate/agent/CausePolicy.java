package io.tollgate.agent;

import java.util.Set;

/**
 * Which vendor failures send a call on to the next route. A vendor that says the number is busy, does not
 * answer or was rejected by the called party has reached the subscriber: trying another vendor would ring the
 * same person again, so those causes end the call. Network-side failures (no circuit, temporary failure,
 * congestion, unallocated number as some vendors misreport it, interworking) move on.
 */
public record CausePolicy(Set<Integer> stopOn) {
    /** User busy (17), no user responding (18), no answer (19), call rejected (21), normal clearing (16). */
    public static final CausePolicy DEFAULT = new CausePolicy(Set.of(16, 17, 18, 19, 21));

    public CausePolicy {
        stopOn = Set.copyOf(stopOn);
    }

    public boolean advances(int cause) {
        return !stopOn.contains(cause);
    }
}
