package io.tollgate.agent;

import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.instructions.VendorPriority;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The traders' and fraud system's instructions in force on this agent: the latest one per subject, as the
 * compacted topic keeps it. Calls read it at setup; the instruction listener writes it. An instruction that does
 * not supersede the one held (a replay, or an older version arriving late) changes nothing.
 */
public final class InstructionBook {
    private final Map<String, Instruction> held = new ConcurrentHashMap<>();
    /**
     * What every call reads, worked out when an instruction is applied (rarely) rather than on each call's setup
     * by scanning everything held: the routing blocks and the vendor priorities in force.
     */
    private record Snapshot(List<Block> blocks, List<VendorPriority> priorities) {
        static final Snapshot EMPTY = new Snapshot(List.of(), List.of());
    }

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private final List<Consumer<DeckActivation>> deckListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Applies {@code instruction} if it supersedes the one held for its subject; true when it did. */
    public boolean apply(Instruction instruction) {
        boolean[] applied = {false};
        held.compute(instruction.subject(), (subject, current) -> {
            applied[0] = instruction.supersedes(current);
            return applied[0] ? instruction : current;
        });
        if (applied[0]) {
            refreshSnapshot();
        }
        if (applied[0] && instruction instanceof DeckActivation activation) {
            deckListeners.forEach(l -> l.accept(activation));
        }
        return applied[0];
    }

    /** Calls {@code listener} with every deck activation applied from now on. */
    public void onDeckActivation(Consumer<DeckActivation> listener) {
        deckListeners.add(listener);
    }

    /** Whether the customer is blocked outright. */
    public boolean customerBlocked(String customer) {
        return held.get(blockSubject(customer, null, null)) instanceof Block;
    }

    /**
     * The routing blocks that apply to {@code customer}'s calls: blocks of destinations, vendors and vendors for a
     * destination, for everyone or for this customer alone.
     */
    public List<io.tollgate.core.routing.Block> routingBlocks(String customer) {
        List<io.tollgate.core.routing.Block> blocks = new java.util.ArrayList<>();
        for (Block b : snapshot.blocks()) {
            if (b.customer() == null || b.customer().equals(customer)) {
                blocks.add(new io.tollgate.core.routing.Block(b.vendor(), b.prefix()));
            }
        }
        return blocks;
    }

    /** The vendor priorities in force (any destination and per prefix). */
    public List<VendorPriority> priorities() {
        return snapshot.priorities();
    }

    /** The limit instruction in force for a party, if any: it replaces the configured limits field by field. */
    public Optional<Limit> limit(Party party, String id) {
        return held.values().stream()
                .filter(i -> i instanceof Limit l && l.party() == party && l.partyId().equals(id))
                .map(i -> (Limit) i)
                .findFirst();
    }

    /** The deck activations in force. */
    public List<DeckActivation> deckActivations() {
        return held.values().stream().filter(i -> i instanceof DeckActivation).map(i -> (DeckActivation) i).toList();
    }

    private synchronized void refreshSnapshot() {
        List<Block> blocks = new java.util.ArrayList<>();
        List<VendorPriority> priorities = new java.util.ArrayList<>();
        for (Instruction i : held.values()) {
            if (i instanceof Block b && (b.prefix() != null || b.vendor() != null)) {
                blocks.add(b);
            } else if (i instanceof VendorPriority p) {
                priorities.add(p);
            }
        }
        snapshot = new Snapshot(List.copyOf(blocks), List.copyOf(priorities));
    }

    private static String blockSubject(String customer, String prefix, String vendor) {
        return new Unblock(customer, prefix, vendor, null, 0, "-", java.time.Instant.EPOCH).subject();
    }
}
