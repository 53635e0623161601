package io.tollgate.core.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.instructions.VendorPriority;

/**
 * Instructions carry their kind in a {@code kind} property. The names are part of the wire contract: renaming a
 * class must not change them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Block.class, name = "block"),
    @JsonSubTypes.Type(value = Unblock.class, name = "unblock"),
    @JsonSubTypes.Type(value = VendorPriority.class, name = "vendor-priority"),
    @JsonSubTypes.Type(value = Limit.class, name = "limit"),
    @JsonSubTypes.Type(value = DeckActivation.class, name = "deck-activation")
})
interface InstructionMixin {
}
