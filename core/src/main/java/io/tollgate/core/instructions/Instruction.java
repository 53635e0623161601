package io.tollgate.core.instructions;

import java.time.Instant;

/**
 * An order to the routing agents, as published on the compacted {@code tollgate.instructions} topic.
 *
 * <p>The topic is keyed by {@link #subject()}: compaction keeps the latest instruction per subject, so an unblock
 * shares its block's subject and replaces it. Within one subject, {@link #version()} grows with every instruction;
 * an agent applies an instruction only if it {@linkplain #supersedes supersedes} the one it holds, so a replayed or
 * reordered older instruction cannot undo a newer one.
 */
public sealed interface Instruction permits Block, Unblock, VendorPriority, Limit, DeckActivation {

    long version();

    /** Who gave the order: an analyst's login, or a rule id for an automatic block. */
    String issuer();

    Instant issuedAt();

    /** The compacted-topic key, such as {@code block:destination:447} or {@code limit:customer:acme}. */
    String subject();

    /** Whether this instruction should replace {@code held}, the one in force for the same subject (or none). */
    default boolean supersedes(Instruction held) {
        if (held == null) {
            return true;
        }
        if (!subject().equals(held.subject())) {
            throw new IllegalArgumentException(
                    "instructions for different subjects: " + subject() + " and " + held.subject());
        }
        return version() > held.version();
    }
}
