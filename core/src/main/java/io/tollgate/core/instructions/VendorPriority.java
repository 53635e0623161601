package io.tollgate.core.instructions;

import java.time.Instant;
import java.util.Objects;

/**
 * Steer least-cost routing for a vendor, on every destination or on one prefix.
 *
 * @param prefix destination prefix in E.164 digits without '+'; null for all destinations
 * @param priority lower is tried earlier; rate order applies among vendors of equal priority
 * @param weight relative share of first attempts among vendors of equal priority and rate; 0 takes the vendor out
 *     of first attempts without removing it as a fallback
 */
public record VendorPriority(
        String vendor,
        String prefix,
        int priority,
        int weight,
        long version,
        String issuer,
        Instant issuedAt) implements Instruction {

    public VendorPriority {
        Objects.requireNonNull(vendor, "vendor is required");
        Subject.checkId("vendor", vendor);
        Subject.checkPrefix(prefix);
        if (weight < 0) {
            throw new IllegalArgumentException("weight must not be negative: " + weight);
        }
        Issued.check(version, issuer, issuedAt);
    }

    @Override
    public String subject() {
        return Subject.of("priority").and("vendor", vendor).and("destination", prefix).key();
    }
}
