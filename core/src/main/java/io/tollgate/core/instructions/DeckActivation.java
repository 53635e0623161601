package io.tollgate.core.instructions;

import java.time.Instant;
import java.util.Objects;

/**
 * Price a customer's calls (revenue) or a vendor's (cost, and so its place in least-cost routing) with a given
 * rate deck version from now on.
 */
public record DeckActivation(
        Party party,
        String partyId,
        String deckVersion,
        long version,
        String issuer,
        Instant issuedAt) implements Instruction {

    public DeckActivation {
        Objects.requireNonNull(party, "party is required");
        Objects.requireNonNull(partyId, "partyId is required");
        Subject.checkId("partyId", partyId);
        Objects.requireNonNull(deckVersion, "deckVersion is required");
        Issued.check(version, issuer, issuedAt);
    }

    @Override
    public String subject() {
        return Subject.of("deck").and(party.word(), partyId).key();
    }
}
