package io.tollgate.core.instructions;

import java.time.Instant;
import java.util.Objects;

/**
 * Cap the traffic of a customer or vendor that one routing agent admits; a null cap means no cap.
 *
 * @param maxChannels concurrent calls
 * @param maxCps new calls per second
 */
public record Limit(
        Party party,
        String partyId,
        Integer maxChannels,
        Integer maxCps,
        long version,
        String issuer,
        Instant issuedAt) implements Instruction {

    public Limit {
        Objects.requireNonNull(party, "party is required");
        Objects.requireNonNull(partyId, "partyId is required");
        Subject.checkId("partyId", partyId);
        if (maxChannels != null && maxChannels < 0) {
            throw new IllegalArgumentException("maxChannels must not be negative: " + maxChannels);
        }
        if (maxCps != null && maxCps < 0) {
            throw new IllegalArgumentException("maxCps must not be negative: " + maxCps);
        }
        Issued.check(version, issuer, issuedAt);
    }

    @Override
    public String subject() {
        return Subject.of("limit").and(party.word(), partyId).key();
    }
}
