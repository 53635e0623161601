package io.tollgate.core.cdr;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One assembled call detail record, as published on {@code tollgate.cdrs}.
 *
 * @param answer null unless the call was {@link Disposition#ANSWERED}
 * @param durationS answered time in seconds, from answer to end; fractions are kept because rating rounds them up,
 *     not assembly; zero for an unanswered call
 * @param cause Q.850 cause that ended the call
 * @param attempts the route attempts in the order they were made; empty when no route was tried
 * @param flags what assembly could not vouch for (a timeout, missing events); empty for a complete call
 */
public record Cdr(
        String callId,
        String customer,
        String aNumber,
        String bNumber,
        Instant setup,
        Instant answer,
        Instant end,
        BigDecimal durationS,
        Disposition disposition,
        Integer cause,
        List<CallAttempt> attempts,
        Set<CdrFlag> flags) {

    public Cdr {
        Objects.requireNonNull(callId, "callId is required");
        Objects.requireNonNull(setup, "setup is required");
        Objects.requireNonNull(end, "end is required");
        Objects.requireNonNull(durationS, "durationS is required");
        Objects.requireNonNull(disposition, "disposition is required");
        Q850.check(cause);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        if (end.isBefore(setup)) {
            throw new IllegalArgumentException("end " + end + " is before setup " + setup);
        }
        if (durationS.signum() < 0) {
            throw new IllegalArgumentException("durationS must not be negative: " + durationS.toPlainString());
        }
        // A charged call without an answer time, or an answer on a call billed as failed, is an assembly bug
        // that would otherwise surface only on an invoice.
        if ((disposition == Disposition.ANSWERED) != (answer != null)) {
            throw new IllegalArgumentException("answer must be set exactly when the disposition is ANSWERED, got "
                    + disposition + " with answer " + answer);
        }
        if (answer != null && (answer.isBefore(setup) || answer.isAfter(end))) {
            throw new IllegalArgumentException("answer " + answer + " is outside setup " + setup + " .. end " + end);
        }
    }

    /** A complete CDR: every event of the call was seen. */
    public Cdr(String callId, String customer, String aNumber, String bNumber, Instant setup, Instant answer,
               Instant end, BigDecimal durationS, Disposition disposition, Integer cause, List<CallAttempt> attempts) {
        this(callId, customer, aNumber, bNumber, setup, answer, end, durationS, disposition, cause, attempts, Set.of());
    }

    /** The attempt whose vendor carried the call, if any did. */
    public Optional<CallAttempt> answeredAttempt() {
        return attempts.stream().filter(CallAttempt::answered).findFirst();
    }
}
