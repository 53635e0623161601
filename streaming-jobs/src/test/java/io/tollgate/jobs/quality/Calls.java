package io.tollgate.jobs.quality;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.Disposition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * CDRs for the quality tests, all built here: the CDR record grows fields that quality does not read, and only
 * this class should have to follow.
 */
final class Calls {
    private Calls() {
    }

    /** A call that ended at {@code end}, carried by its last attempt for {@code seconds}. */
    static Cdr answered(String bNumber, Instant end, String seconds, CallAttempt... attempts) {
        BigDecimal duration = new BigDecimal(seconds);
        Instant answer = end.minusMillis(duration.movePointRight(3).longValueExact());
        return cdr(bNumber, answer.minusSeconds(5), answer, end, duration, Disposition.ANSWERED, 16, attempts);
    }

    /** A call that ended at {@code end} without an answer, for the last attempt's cause. */
    static Cdr unanswered(String bNumber, Instant end, Disposition disposition, CallAttempt... attempts) {
        Integer cause = attempts.length == 0 ? null : attempts[attempts.length - 1].cause();
        return cdr(bNumber, end.minusSeconds(20), null, end, BigDecimal.ZERO, disposition, cause, attempts);
    }

    static CallAttempt failedOn(String vendor, int cause, Long pddMs) {
        return new CallAttempt(vendor, vendor + "-leg", cause, pddMs, false);
    }

    static CallAttempt answeredOn(String vendor, Long pddMs) {
        return new CallAttempt(vendor, vendor + "-leg", 16, pddMs, true);
    }

    private static Cdr cdr(String bNumber, Instant setup, Instant answer, Instant end, BigDecimal durationS,
                           Disposition disposition, Integer cause, CallAttempt... attempts) {
        return new Cdr(bNumber + "@" + end, "acme", "442071234567", bNumber, setup, answer, end, durationS,
                disposition, cause, List.of(attempts));
    }
}
