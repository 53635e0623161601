package io.tollgate.core.instructions;

import java.time.Instant;

/** Lift the {@link Block} with the same customer, prefix and vendor; it shares that block's subject. */
public record Unblock(
        String customer,
        String prefix,
        String vendor,
        String reason,
        long version,
        String issuer,
        Instant issuedAt) implements Instruction {

    public Unblock {
        Block.checkTarget(customer, prefix, vendor);
        Issued.check(version, issuer, issuedAt);
    }

    @Override
    public String subject() {
        return Block.subjectOf(customer, prefix, vendor);
    }
}
