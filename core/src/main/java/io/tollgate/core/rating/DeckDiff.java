package io.tollgate.core.rating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The changes between two versions of one owner's deck, prefix by prefix.
 *
 * <p>A prefix is compared by its latest row (the greatest effective_from): that is the price the deck will
 * charge from now on. Vendors restamp every row of a new deck with its start date, so comparing rows by
 * (prefix, effective_from) would show every prefix as removed and added again; comparing prefixes does not.
 */
public final class DeckDiff {
    private DeckDiff() {
    }

    /** Changed prefixes, in prefix order; an unchanged prefix is left out. */
    public static List<DeckChange> between(List<RateRow> older, List<RateRow> newer) {
        Map<String, RateRow> before = latestByPrefix(older);
        Map<String, RateRow> after = latestByPrefix(newer);
        TreeSet<String> prefixes = new TreeSet<>(before.keySet());
        prefixes.addAll(after.keySet());
        List<DeckChange> changes = new ArrayList<>();
        for (String prefix : prefixes) {
            RateRow b = before.get(prefix);
            RateRow a = after.get(prefix);
            DeckChange.Kind kind = kind(b, a);
            if (kind != null) {
                changes.add(new DeckChange(kind, prefix, b, a));
            }
        }
        return changes;
    }

    /** How many changes of each kind, for a one-line summary. */
    public static Map<DeckChange.Kind, Integer> count(List<DeckChange> changes) {
        Map<DeckChange.Kind, Integer> counts = new java.util.EnumMap<>(DeckChange.Kind.class);
        for (DeckChange.Kind k : DeckChange.Kind.values()) {
            counts.put(k, 0);
        }
        changes.forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        return counts;
    }

    private static DeckChange.Kind kind(RateRow before, RateRow after) {
        if (before == null) {
            return DeckChange.Kind.NEW;
        }
        if (after == null) {
            return DeckChange.Kind.REMOVED;
        }
        int rate = after.rate().compareTo(before.rate());
        if (rate > 0) {
            return DeckChange.Kind.PRICE_UP;
        }
        if (rate < 0) {
            return DeckChange.Kind.PRICE_DOWN;
        }
        boolean sameTerms = after.connectFee().compareTo(before.connectFee()) == 0
                && after.increments().equals(before.increments())
                && after.minDuration() == before.minDuration()
                && Objects.equals(after.effectiveTo(), before.effectiveTo());
        return sameTerms ? null : DeckChange.Kind.TERMS;
    }

    private static Map<String, RateRow> latestByPrefix(List<RateRow> rows) {
        Comparator<RateRow> byStart = Comparator.comparing(RateRow::effectiveFrom,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        Map<String, RateRow> latest = new HashMap<>(rows.size() * 2);
        for (RateRow row : rows) {
            latest.merge(row.prefix(), row, (x, y) -> byStart.compare(y, x) > 0 ? y : x);
        }
        return latest;
    }
}
