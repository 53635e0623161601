package io.tollgate.core.instructions;

import java.time.Instant;
import java.util.Objects;

/** The fields every instruction carries to be ordered and audited. */
final class Issued {

    private Issued() {
    }

    static void check(long version, String issuer, Instant issuedAt) {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
        Objects.requireNonNull(issuer, "issuer is required");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        Objects.requireNonNull(issuedAt, "issuedAt is required");
    }
}
