package io.tollgate.sim;

import java.time.Duration;

/**
 * What the far end does with one call, times counted from the moment it is dialled: it may ring (SIP 180), then
 * either answer (200) and later hang up (BYE) after {@code talk}, or refuse with a Q.850 {@code cause}, which
 * crosses SIP the way chan_pjsip maps it (17 arrives as 17/486, 3 as 1/404, 42 as 34/503).
 *
 * @param ringAfter   when it rings; null for never (an immediate answer or refusal does not ring)
 * @param answerAfter when it answers; null if it does not
 * @param talk        how long it talks once answered before hanging up; null to talk until our side hangs up
 * @param cause       the cause it refuses with when it does not answer
 * @param refuseAfter when it refuses; null to ring until our side gives up
 */
public record FarEnd(Duration ringAfter, Duration answerAfter, Duration talk, int cause, Duration refuseAfter) {

    /** Answers after {@code after} without ringing first, talks {@code talk}. */
    public static FarEnd answers(Duration after, Duration talk) {
        return new FarEnd(null, after, talk, 0, null);
    }

    /** Rings at once, answers after {@code after}, talks {@code talk}. */
    public static FarEnd ringsThenAnswers(Duration after, Duration talk) {
        return new FarEnd(Duration.ZERO, after, talk, 0, null);
    }

    /** Refuses with {@code cause} after {@code after}, without ringing. */
    public static FarEnd refuses(int cause, Duration after) {
        return new FarEnd(null, null, null, cause, after);
    }

    /** Rings at once and refuses with {@code cause} after {@code after} (19 for a ring-no-answer). */
    public static FarEnd ringsThenRefuses(int cause, Duration after) {
        return new FarEnd(Duration.ZERO, null, null, cause, after);
    }

    /** Rings and never answers: the dial timeout or our hangup ends it. */
    public static FarEnd ringsForever() {
        return new FarEnd(Duration.ZERO, null, null, 0, null);
    }
}
