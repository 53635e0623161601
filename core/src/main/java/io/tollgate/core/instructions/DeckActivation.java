package io.tollgate.core.instructions;

import java.time.Instant;
import java.util.Objects;

/**
 * Price a customer's calls (revenue) or a vendor's (cost, and so its place in least-cost routing) with a given
 * rate deck version from {@code activeFrom} on.
 *
 * <p>{@code activeFrom} lets a trader publish next week's deck today: agents and jobs hold the instruction and
 * switch at that instant without a restart. Absent (an instruction written before the field existed), it is
 * {@code issuedAt}: the deck applies at once. {@code version} is the deck version number, which grows per party.
 */
public record DeckActivation(
        Party party,
        String partyId,
        String deckVersion,
        long version,
        String issuer,
        Instant issuedAt,
        Instant activeFrom) implements Instruction {

    public DeckActivation {
        Objects.requireNonNull(party, "party is required");
        Objects.requireNonNull(partyId, "partyId is required");
        Subject.checkId("partyId", partyId);
        Objects.requireNonNull(deckVersion, "deckVersion is required");
        Issued.check(version, issuer, issuedAt);
        activeFrom = activeFrom == null ? issuedAt : activeFrom;
    }

    /** An activation that applies as soon as it is issued. */
    public DeckActivation(Party party, String partyId, String deckVersion, long version, String issuer, Instant issuedAt) {
        this(party, partyId, deckVersion, version, issuer, issuedAt, issuedAt);
    }

    @Override
    public String subject() {
        return Subject.of("deck").and(party.word(), partyId).key();
    }
}
