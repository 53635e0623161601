package io.tollgate.core.numbers;

import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * A decimal-digit trie for longest-prefix match.
 *
 * <p>Nodes live in flat arrays rather than as objects, in one of two layouts:
 * <ul>
 *   <li><b>building</b> (after construction): ten child slots per node (0 = none), so {@link #put} is one array
 *       read per digit;</li>
 *   <li><b>compact</b> (after {@link #trim}): per node one {@code long} holding a 10-bit child mask, a has-value
 *       bit and the index of its first child; the children of one node are numbered contiguously in digit order, so
 *       the child for digit {@code d} is {@code first + bitCount(mask & ((1 << d) - 1))}, and a step down the trie
 *       is one read from memory. That is 8 bytes per node instead of 40: tens of millions of prefixes across vendor decks then cost a few bytes each, and the arrays of a 100k
 *       prefix deck fit a core's L2 cache. The blocks of children are numbered depth first, so a subtree
 *       sits together and the deep steps of a walk share cache lines.</li>
 * </ul>
 * Build it with {@link #put}, call {@link #trim} once, then only read it; reads are safe from many threads once
 * published, and a compact trie's lookups allocate nothing. A {@link #put} after {@link #trim} still works: it converts the trie back to the
 * building layout first (costly; call {@link #trim} again when done).
 *
 * @param <V> what a prefix carries
 */
public final class PrefixTrie<V> {
    private static final int FANOUT = 10;
    private static final long HAS_VALUE = 1L << 10;
    private static final int FIRST_SHIFT = 11;

    // building layout; null once compact
    private int[] children = new int[FANOUT * 16];
    // compact layout, null while building: per node, in one long so that a step down the trie is one read from
    // memory: the index of the first child (bits 11-42), whether the node holds a value (bit 10), the child mask
    private long[] packed;

    private Object[] values = new Object[16];
    private int nodes = 1; // node 0 is the root (the empty prefix)
    private int size;

    /** Stores {@code value} at {@code prefix} (digits only), merging with a value already there. */
    public void put(CharSequence prefix, V value, BinaryOperator<V> merge) {
        if (children == null) {
            thaw();
        }
        int node = 0;
        for (int i = 0; i < prefix.length(); i++) {
            int slot = node * FANOUT + digit(prefix, i);
            int next = children[slot];
            if (next == 0) {
                next = newNode();
                children[slot] = next;
            }
            node = next;
        }
        @SuppressWarnings("unchecked")
        V old = (V) values[node];
        if (old == null) {
            size++;
        }
        values[node] = old == null ? value : merge.apply(old, value);
    }

    /** The value of the longest stored prefix of {@code number}, or null. */
    public V longestMatch(CharSequence number) {
        int slot = longestMatchSlot(number);
        return slot < 0 ? null : valueAt(slot);
    }

    /**
     * Where the value of the longest stored prefix of {@code number} is kept, or -1: a number below
     * {@link #slots()} that the caller can use to keep values of its own beside this trie's ({@link #valueAt}).
     * Slots stay the same until the next {@link #put} or {@link #trim}.
     */
    public int longestMatchSlot(CharSequence number) {
        int deepest = values[0] != null ? 0 : -1; // the root's value, if any, is the fallback
        long[] packed = this.packed;
        if (packed == null) {
            int node = 0;
            for (int i = 0; i < number.length(); i++) {
                int d = number.charAt(i) - '0';
                if (d < 0 || d >= FANOUT || (node = child(node, d)) == 0) {
                    break;
                }
                deepest = values[node] != null ? node : deepest;
            }
            return deepest;
        }
        int node = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(i) - '0';
            long p = packed[node];
            if (d < 0 || d >= FANOUT || (p & (1L << d)) == 0) {
                break;
            }
            node = (int) (p >>> FIRST_SHIFT) + Integer.bitCount((int) p & ((1 << d) - 1));
            if ((packed[node] & HAS_VALUE) != 0) {
                deepest = node;
            }
        }
        return deepest;
    }

    /** The value kept in {@code slot}, or null. */
    public V valueAt(int slot) {
        @SuppressWarnings("unchecked")
        V v = (V) values[slot];
        return v;
    }

    /** One more than the highest slot {@link #longestMatchSlot} can return. */
    public int slots() {
        return nodes;
    }

    /**
     * Fills {@code out} with the values stored at every prefix of {@code number}, shortest first, and returns how
     * many. Used where the longest prefix alone is not enough: a row that is not effective at the call's time falls
     * back to a shorter prefix. {@code out} needs {@code number.length() + 1} slots; the caller owns it, so a hot
     * loop allocates nothing.
     */
    public int prefixesOf(CharSequence number, Object[] out) {
        Object[] values = this.values;
        int found = 0;
        int node = 0;
        if (values[0] != null) {
            out[found++] = values[0];
        }
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(i) - '0';
            if (d < 0 || d >= FANOUT) {
                break;
            }
            node = child(node, d);
            if (node == 0) {
                break;
            }
            if (values[node] != null) {
                out[found++] = values[node];
            }
        }
        return found;
    }

    /** Exact lookup of a stored prefix. */
    public V get(CharSequence prefix) {
        int node = 0;
        for (int i = 0; i < prefix.length(); i++) {
            node = child(node, digit(prefix, i));
            if (node == 0) {
                return null;
            }
        }
        @SuppressWarnings("unchecked")
        V v = (V) values[node];
        return v;
    }

    /** Number of distinct prefixes stored. */
    public int size() {
        return size;
    }

    /**
     * Converts the trie to its compact read-only layout, once building is done (see the class comment). Calling it
     * again without a {@link #put} in between does nothing.
     */
    public void trim() {
        if (children == null) {
            return;
        }
        int[] children = this.children;
        int n = nodes;
        long[] packed = new long[n];
        Object[] compactValues = new Object[n];
        // order[newId] = old id. The children of a node get contiguous ids in digit order (what the child index
        // needs), and the blocks are handed out depth first: a node's subtree then lies close together, so the
        // deep steps of a walk, past the short prefixes every lookup shares, stay within a few cache lines
        int[] order = new int[n];
        int[] pending = new int[n];
        int top = 0;
        pending[top++] = 0;
        int next = 1;
        while (top > 0) {
            int id = pending[--top];
            int old = order[id];
            compactValues[id] = values[old];
            long first = next;
            int mask = 0;
            int base = old * FANOUT;
            for (int d = 0; d < FANOUT; d++) {
                int c = children[base + d];
                if (c != 0) {
                    mask |= 1 << d;
                    order[next++] = c;
                }
            }
            for (int child = next - 1; child >= first; child--) {
                pending[top++] = child; // the lowest digit's block comes next
            }
            packed[id] = first << FIRST_SHIFT | (values[old] != null ? HAS_VALUE : 0) | mask;
        }
        this.values = compactValues;
        this.packed = packed;
        this.children = null;
    }

    /** The child of {@code node} for digit {@code d} (0-9), or 0 if there is none. */
    private int child(int node, int d) {
        int[] children = this.children;
        if (children != null) {
            return children[node * FANOUT + d];
        }
        long p = packed[node];
        if ((p & (1L << d)) == 0) {
            return 0;
        }
        return (int) (p >>> FIRST_SHIFT) + Integer.bitCount((int) p & ((1 << d) - 1));
    }

    /** Back to the building layout, for a put after {@link #trim}. Node ids are kept. */
    private void thaw() {
        int capacity = Math.max(16, nodes);
        int[] children = new int[capacity * FANOUT];
        for (int node = 0; node < nodes; node++) {
            int mask = (int) packed[node] & ((1 << FANOUT) - 1);
            int c = (int) (packed[node] >>> FIRST_SHIFT);
            for (int d = 0; d < FANOUT; d++) {
                if ((mask & (1 << d)) != 0) {
                    children[node * FANOUT + d] = c++;
                }
            }
        }
        this.values = Arrays.copyOf(values, capacity);
        this.children = children;
        this.packed = null;
    }

    private int newNode() {
        if (nodes == values.length) {
            int capacity = values.length * 2;
            values = Arrays.copyOf(values, capacity);
            children = Arrays.copyOf(children, capacity * FANOUT);
        }
        return nodes++;
    }

    private static int digit(CharSequence prefix, int i) {
        int d = prefix.charAt(i) - '0';
        if (d < 0 || d >= FANOUT) {
            throw new IllegalArgumentException("prefix '" + prefix + "' has a non-digit at position " + (i + 1));
        }
        return d;
    }
}
