package io.tollgate.core.numbers;

import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * A decimal-digit trie for longest-prefix match.
 *
 * <p>Nodes live in flat arrays (ten child slots per node, 0 = none) rather than as objects: tens of millions of
 * prefixes across vendor decks then cost a few bytes each, and a lookup is one array read per digit.
 * Build it once with {@link #put}, then only read it; reads are safe from many threads once published.
 *
 * @param <V> what a prefix carries
 */
public final class PrefixTrie<V> {
    private static final int FANOUT = 10;

    private int[] children = new int[FANOUT * 16];
    private Object[] values = new Object[16];
    private int nodes = 1; // node 0 is the root (the empty prefix)
    private int size;

    /** Stores {@code value} at {@code prefix} (digits only), merging with a value already there. */
    public void put(CharSequence prefix, V value, BinaryOperator<V> merge) {
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
        Object[] found = new Object[number.length() + 1];
        int n = prefixesOf(number, found);
        @SuppressWarnings("unchecked")
        V v = n == 0 ? null : (V) found[n - 1];
        return v;
    }

    /**
     * Fills {@code out} with the values stored at every prefix of {@code number}, shortest first, and returns how
     * many. Used where the longest prefix alone is not enough: a row that is not effective at the call's time falls
     * back to a shorter prefix. {@code out} needs {@code number.length() + 1} slots; the caller owns it, so a hot
     * loop allocates nothing.
     */
    public int prefixesOf(CharSequence number, Object[] out) {
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
            node = children[node * FANOUT + d];
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
            node = children[node * FANOUT + digit(prefix, i)];
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

    /** Shrinks the arrays to what is used, once building is done. */
    public void trim() {
        children = Arrays.copyOf(children, nodes * FANOUT);
        values = Arrays.copyOf(values, nodes);
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
