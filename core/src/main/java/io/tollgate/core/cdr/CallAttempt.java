package io.tollgate.core.cdr;

import java.util.Objects;

/**
 * One route attempt of a call: the vendor leg that was tried and how it went.
 *
 * @param cause Q.850 cause of the vendor leg's hangup; null while unknown
 * @param pddMs post-dial delay from origination to ringing or early media; null when neither came
 */
public record CallAttempt(String vendor, String legId, Integer cause, Long pddMs, boolean answered) {

    public CallAttempt {
        Objects.requireNonNull(vendor, "vendor is required");
        Q850.check(cause);
        if (pddMs != null && pddMs < 0) {
            throw new IllegalArgumentException("pddMs must not be negative: " + pddMs);
        }
    }
}
