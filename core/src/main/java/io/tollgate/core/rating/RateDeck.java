package io.tollgate.core.rating;

import io.tollgate.core.money.Rounding;
import io.tollgate.core.numbers.PrefixTrie;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A rate deck: rows by prefix, each prefix with one or more effective-dated versions, and the deck's rounding rule.
 *
 * <p>A number is charged by the row with the longest prefix among the rows effective at the call's start; where a
 * prefix has several rows effective at once, the one with the latest effective_from wins. Immutable once built.
 */
public final class RateDeck {
    /**
     * Per prefix, a lone {@link RateRow} when the prefix has one version (most do), else a {@code RateRow[]} of its
     * versions, latest effective_from first: a one-element array per prefix would cost 24 bytes a row.
     */
    private final PrefixTrie<Object> byPrefix;
    private final List<RateRow> rows;
    private final Rounding rounding;

    private RateDeck(PrefixTrie<Object> byPrefix, List<RateRow> rows, Rounding rounding) {
        this.byPrefix = byPrefix;
        this.rows = rows;
        this.rounding = rounding;
    }

    /**
     * Builds a deck. Rows must be valid and no two may share prefix and effective_from (the importer refuses those
     * with line numbers; here it is a programming error).
     */
    public static RateDeck of(List<RateRow> rows, Rounding rounding) {
        PrefixTrie<Object> trie = new PrefixTrie<>();
        for (RateRow row : rows) {
            trie.put(row.prefix(), row, RateDeck::addVersion);
        }
        trie.trim();
        return new RateDeck(trie, Collections.unmodifiableList(new ArrayList<>(rows)), rounding);
    }

    public static RateDeck of(List<RateRow> rows) {
        return of(rows, Rounding.DEFAULT);
    }

    /** The row that charges {@code number} (E.164 digits) at {@code at}, or null if none does. */
    public RateRow find(String number, Instant at) {
        Object[] versions = new Object[number.length() + 1];
        int n = byPrefix.prefixesOf(number, versions);
        for (int i = n - 1; i >= 0; i--) {
            RateRow row = effectiveOf(versions[i], at);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    /**
     * The version of one prefix effective at {@code at}, or null; versions are kept latest effective_from first, so
     * the first effective one is the one that applies.
     */
    public static RateRow effective(RateRow[] versions, Instant at) {
        for (RateRow row : versions) {
            if (row.isEffectiveAt(at)) {
                return row;
            }
        }
        return null;
    }

    /** {@link #effective} of what the trie holds for one prefix: a lone row or an array of versions. */
    private static RateRow effectiveOf(Object versions, Instant at) {
        if (versions instanceof RateRow row) {
            return row.isEffectiveAt(at) ? row : null;
        }
        return effective((RateRow[]) versions, at);
    }

    /** Every version of every prefix, for LCR indexes and exports; in import order. */
    public List<RateRow> rows() {
        return rows;
    }

    /** Versions of one exact prefix, latest effective_from first; empty if the deck has no such prefix. */
    public List<RateRow> versionsOf(String prefix) {
        Object versions = byPrefix.get(prefix);
        if (versions == null) {
            return List.of();
        }
        return versions instanceof RateRow row ? List.of(row) : List.of((RateRow[]) versions);
    }

    public Rounding rounding() {
        return rounding;
    }

    public int prefixCount() {
        return byPrefix.size();
    }

    /** Merges one more row ({@code added}, a {@link RateRow}) into a prefix's versions (a row or an array). */
    private static Object addVersion(Object versions, Object added) {
        RateRow row = (RateRow) added;
        RateRow[] existing = versions instanceof RateRow lone ? new RateRow[] {lone} : (RateRow[]) versions;
        for (RateRow old : existing) {
            if (Objects.equals(old.effectiveFrom(), row.effectiveFrom())) {
                throw new IllegalArgumentException("prefix " + row.prefix() + " has two rows effective from "
                        + (row.effectiveFrom() == null ? "the start" : row.effectiveFrom()));
            }
        }
        RateRow[] merged = Arrays.copyOf(existing, existing.length + 1);
        merged[existing.length] = row;
        Arrays.sort(merged, (x, y) -> x.supersedes(y) ? -1 : y.supersedes(x) ? 1 : 0);
        return merged;
    }
}
