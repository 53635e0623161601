package io.tollgate.core.instructions;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstructionTest {

    private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void subjectsNameWhatIsTargeted() {
        assertThat(block(null, "447", null, 1).subject()).isEqualTo("block:destination:447");
        assertThat(block("acme", null, null, 1).subject()).isEqualTo("block:customer:acme");
        assertThat(block(null, null, "carrier-b", 1).subject()).isEqualTo("block:vendor:carrier-b");
        assertThat(block("acme", "882", "carrier-b", 1).subject())
                .isEqualTo("block:customer:acme:destination:882:vendor:carrier-b");
        assertThat(new VendorPriority("carrier-b", null, 0, 1, 1, "jo", AT).subject())
                .isEqualTo("priority:vendor:carrier-b");
        assertThat(new VendorPriority("carrier-b", "4915", 0, 1, 1, "jo", AT).subject())
                .isEqualTo("priority:vendor:carrier-b:destination:4915");
        assertThat(new Limit(Party.CUSTOMER, "acme", 10, null, 1, "ops", AT).subject())
                .isEqualTo("limit:customer:acme");
        assertThat(new DeckActivation(Party.VENDOR, "carrier-b", "carrier-b-17", 1, "jo", AT).subject())
                .isEqualTo("deck:vendor:carrier-b");
    }

    @Test
    void anUnblockReplacesItsBlockOnTheCompactedTopic() {
        Block block = block("acme", "447", null, 4);
        Unblock unblock = new Unblock("acme", "447", null, "cleared by analyst", 5, "ana", AT);

        assertThat(unblock.subject()).isEqualTo(block.subject());
        assertThat(unblock.supersedes(block)).isTrue();
        assertThat(block.supersedes(unblock)).isFalse();
    }

    @Test
    void anOlderOrReplayedInstructionDoesNotWin() {
        Block held = block(null, "447", null, 7);

        assertThat(block(null, "447", null, 6).supersedes(held)).isFalse();
        assertThat(block(null, "447", null, 7).supersedes(held)).isFalse();
        assertThat(block(null, "447", null, 8).supersedes(held)).isTrue();
        assertThat(held.supersedes(null)).isTrue();
    }

    @Test
    void comparingDifferentSubjectsIsABug() {
        assertThatThrownBy(() -> block(null, "447", null, 2).supersedes(block(null, "448", null, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block:destination:447")
                .hasMessageContaining("block:destination:448");
    }

    @Test
    void refusesTargetsThatWouldMakeAmbiguousSubjects() {
        assertThatThrownBy(() -> block(null, null, null, 1))
                .hasMessageContaining("needs a customer, a destination prefix or a vendor");
        assertThatThrownBy(() -> block("acme:destination:1", null, null, 1))
                .hasMessageContaining("customer must be non-blank and free of ':'");
        assertThatThrownBy(() -> block(" ", null, null, 1)).hasMessageContaining("customer must be non-blank");
        assertThatThrownBy(() -> block(null, "44 7", null, 1)).hasMessageContaining("prefix must be 1 to 15 digits");
        assertThatThrownBy(() -> block(null, "1234567890123456", null, 1)).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new Limit(Party.VENDOR, "a:b", null, null, 1, "ops", AT))
                .hasMessageContaining("partyId");
    }

    @Test
    void refusesInstructionsThatCannotBeAudited() {
        assertThatThrownBy(() -> new Block("acme", null, null, null, -1, "ana", AT)).hasMessageContaining("version");
        assertThatThrownBy(() -> new Block("acme", null, null, null, 1, "", AT)).hasMessageContaining("issuer");
        assertThatThrownBy(() -> new Block("acme", null, null, null, 1, "ana", null)).hasMessageContaining("issuedAt");
    }

    @Test
    void refusesNegativeCaps() {
        assertThatThrownBy(() -> new Limit(Party.CUSTOMER, "acme", -1, null, 1, "ops", AT))
                .hasMessageContaining("maxChannels");
        assertThatThrownBy(() -> new Limit(Party.CUSTOMER, "acme", null, -1, 1, "ops", AT))
                .hasMessageContaining("maxCps");
        assertThatThrownBy(() -> new VendorPriority("v", null, 0, -1, 1, "jo", AT)).hasMessageContaining("weight");
    }

    private static Block block(String customer, String prefix, String vendor, long version) {
        return new Block(customer, prefix, vendor, null, version, "rule:irsf-burst", AT);
    }
}
