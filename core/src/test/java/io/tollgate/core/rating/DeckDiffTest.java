package io.tollgate.core.rating;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeckDiffTest {

    private static RateRow row(String prefix, String rate, String from) {
        return new RateRow(prefix, "d" + prefix, new BigDecimal(rate), BigDecimal.ZERO, Increments.PER_MINUTE, 0,
                from == null ? null : Instant.parse(from), null);
    }

    @Test
    void namesNewRemovedAndPricedUpOrDownPrefixesInPrefixOrder() {
        List<RateRow> older = List.of(row("44", "0.02", null), row("447", "0.05", null), row("33", "0.03", null),
                row("49", "0.01", null));
        List<RateRow> newer = List.of(row("44", "0.0200", null), row("447", "0.06", null), row("33", "0.025", null),
                row("34", "0.04", null));

        List<DeckChange> changes = DeckDiff.between(older, newer);

        assertThat(changes).extracting(DeckChange::kind, DeckChange::prefix).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DeckChange.Kind.PRICE_DOWN, "33"),
                org.assertj.core.groups.Tuple.tuple(DeckChange.Kind.NEW, "34"),
                org.assertj.core.groups.Tuple.tuple(DeckChange.Kind.PRICE_UP, "447"),
                org.assertj.core.groups.Tuple.tuple(DeckChange.Kind.REMOVED, "49"));
        assertThat(changes.get(0).oldRate()).isEqualByComparingTo("0.03");
        assertThat(changes.get(0).newRate()).isEqualByComparingTo("0.025");
        assertThat(changes.get(1).oldRate()).isNull();
        assertThat(changes.get(3).destination()).isEqualTo("d49");
    }

    @Test
    void aDeckRestampedWithANewStartDateShowsOnlyRealChanges() {
        List<RateRow> older = List.of(row("44", "0.02", "2026-01-01T00:00:00Z"), row("447", "0.05", "2026-01-01T00:00:00Z"));
        List<RateRow> newer = List.of(row("44", "0.02", "2026-02-01T00:00:00Z"), row("447", "0.04", "2026-02-01T00:00:00Z"));

        assertThat(DeckDiff.between(older, newer)).extracting(DeckChange::kind, DeckChange::prefix)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DeckChange.Kind.PRICE_DOWN, "447"));
    }

    @Test
    void aPrefixIsComparedByItsLatestRow() {
        List<RateRow> older = List.of(row("44", "0.02", null));
        List<RateRow> newer = List.of(row("44", "0.09", "2026-03-01T00:00:00Z"), row("44", "0.02", null));

        assertThat(DeckDiff.between(older, newer)).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(DeckChange.Kind.PRICE_UP));
    }

    @Test
    void sameRateWithOtherIncrementsIsATermsChange() {
        RateRow perMinute = row("44", "0.02", null);
        RateRow perSecond = new RateRow("44", "d44", new BigDecimal("0.02"), BigDecimal.ZERO, Increments.PER_SECOND, 0,
                null, null);

        assertThat(DeckDiff.between(List.of(perMinute), List.of(perSecond))).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(DeckChange.Kind.TERMS));
        assertThat(DeckDiff.between(List.of(perMinute), List.of(perMinute))).isEmpty();
    }

    @Test
    void countsEveryKindIncludingZeros() {
        assertThat(DeckDiff.count(DeckDiff.between(List.of(row("1", "1", null)), List.of())))
                .containsEntry(DeckChange.Kind.REMOVED, 1).containsEntry(DeckChange.Kind.NEW, 0).hasSize(5);
    }
}
