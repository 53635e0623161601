package io.tollgate.core.quality;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one route attempt says about its vendor towards one destination: the unit quality statistics count.
 *
 * @param effective the network did its part: the call was answered, or the called user was reached and did not
 *     take it (see {@link #USER_CAUSES}); the numerator of NER
 * @param answeredS seconds the call was carried on this attempt; zero unless it was answered
 * @param pddMs post-dial delay; null when the attempt neither rang nor had early media
 */
public record AttemptOutcome(String vendor, String destination, boolean answered, boolean effective,
                             BigDecimal answeredS, Long pddMs) {

    /**
     * Q.850 causes of an unanswered attempt that still count as effective (ITU-T E.425's network effectiveness):
     * 17 user busy, 18 no user responding, 19 no answer, 21 call rejected by the user, and 16 normal clearing,
     * which before an answer means the caller gave up while it rang. Everything else (no circuit, unallocated
     * number, temporary failure, a missing cause) is held against the vendor.
     */
    public static final Set<Integer> USER_CAUSES = Set.of(16, 17, 18, 19, 21);

    public AttemptOutcome {
        Objects.requireNonNull(vendor, "vendor is required");
        Objects.requireNonNull(destination, "destination is required");
        Objects.requireNonNull(answeredS, "answeredS is required");
        if (answered && !effective) {
            throw new IllegalArgumentException("an answered attempt is effective");
        }
        if (answeredS.signum() < 0 || (!answered && answeredS.signum() != 0)) {
            throw new IllegalArgumentException("answeredS must be zero for an unanswered attempt and not negative, got "
                    + answeredS.toPlainString());
        }
    }

    /**
     * One outcome per attempt of the call, each for its own vendor: a call tried on one vendor and carried by the
     * next is a failure for the first and an answer for the second.
     */
    public static List<AttemptOutcome> of(Cdr cdr) {
        String destination = CountryCodes.of(cdr.bNumber());
        return cdr.attempts().stream().map(a -> of(a, destination, cdr.durationS())).toList();
    }

    /** @param callDurationS the call's answered seconds; they go to the attempt only if it carried the call */
    public static AttemptOutcome of(CallAttempt attempt, String destination, BigDecimal callDurationS) {
        boolean effective = attempt.answered() || (attempt.cause() != null && USER_CAUSES.contains(attempt.cause()));
        return new AttemptOutcome(attempt.vendor(), destination, attempt.answered(), effective,
                attempt.answered() ? callDurationS : BigDecimal.ZERO, attempt.pddMs());
    }

    public VendorDestination cell() {
        return new VendorDestination(vendor, destination);
    }
}
