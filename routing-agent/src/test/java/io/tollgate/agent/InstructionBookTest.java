package io.tollgate.agent;

import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Unblock;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InstructionBookTest {
    private final InstructionBook book = new InstructionBook();
    private final Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void anOlderOrReplayedInstructionDoesNotUndoANewerOne() {
        assertThat(book.apply(new Block(null, "447", null, "fraud", 2, "rule-irsf", now))).isTrue();
        assertThat(book.apply(new Unblock(null, "447", null, "stale", 1, "analyst", now))).isFalse();
        assertThat(book.apply(new Block(null, "447", null, "fraud", 2, "rule-irsf", now))).isFalse();

        assertThat(book.routingBlocks("acme")).containsExactly(io.tollgate.core.routing.Block.destination("447"));

        assertThat(book.apply(new Unblock(null, "447", null, "cleared", 3, "analyst", now))).isTrue();
        assertThat(book.routingBlocks("acme")).isEmpty();
    }

    @Test
    void customerScopedBlocksApplyToThatCustomerOnly() {
        book.apply(new Block("acme", "2809", null, "test", 1, "analyst", now));
        book.apply(new Block("globex", null, null, "unpaid", 1, "finance", now));

        assertThat(book.routingBlocks("acme")).containsExactly(io.tollgate.core.routing.Block.destination("2809"));
        assertThat(book.routingBlocks("initech")).isEmpty();
        assertThat(book.customerBlocked("globex")).isTrue();
        assertThat(book.customerBlocked("acme")).isFalse();
    }
}
