package io.tollgate.core.rating;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeckVersionsTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");

    private static RateDeck deck(String rate) {
        return RateDeck.of(List.of(RateRow.simple("44", rate)));
    }

    @Test
    void aCallIsRatedByTheVersionInForceAtItsStart() {
        DeckVersions history = DeckVersions.empty()
                .with(new DeckVersions.Version(2, FEB, deck("0.02")))
                .with(new DeckVersions.Version(1, JAN, deck("0.01")));

        assertThat(history.at(JAN.minusSeconds(1))).isNull();
        assertThat(history.at(JAN).number()).isEqualTo(1);
        assertThat(history.at(FEB.minusMillis(1)).number()).isEqualTo(1);
        assertThat(history.at(FEB).number()).isEqualTo(2);
        assertThat(history.at(FEB).deck().find("4420", FEB).rate()).isEqualByComparingTo("0.02");
    }

    @Test
    void theLaterImportWinsWhenTwoVersionsActivateAtOnce() {
        DeckVersions history = DeckVersions.empty()
                .with(new DeckVersions.Version(4, JAN, deck("0.04")))
                .with(new DeckVersions.Version(3, JAN, deck("0.03")));

        assertThat(history.at(JAN).number()).isEqualTo(4);
    }

    @Test
    void aVersionNumberIsNeverReused() {
        DeckVersions history = DeckVersions.empty().with(new DeckVersions.Version(1, JAN, deck("0.01")));

        assertThatThrownBy(() -> history.with(new DeckVersions.Version(1, FEB, deck("0.02"))))
                .hasMessageContaining("version 1 already exists");
        assertThat(history.versions()).hasSize(1);
    }
}
