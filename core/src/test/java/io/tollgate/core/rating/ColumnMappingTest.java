package io.tollgate.core.rating;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.money.Rounding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnMappingTest {
    @TempDir
    Path dir;

    private DeckImport read(String text, ColumnMapping mapping) throws IOException, BadInputException {
        Path file = Files.writeString(dir.resolve("vendor.csv"), text, StandardCharsets.UTF_8);
        try (CsvInput in = CsvInput.open(file, null, RateDeckCsv.REQUIRED, RateDeckCsv.COLUMNS, mapping.aliases())) {
            return RateDeckCsv.read(in, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE);
        }
    }

    @Test
    void aVendorSheetIsReadAsTheCanonicalDeck() throws Exception {
        DeckImport deck = read("Code,Destination,Price,Billing\n44,UK,0.02,60/60\n447,UK Mobile,0.05,30/6\n",
                ColumnMapping.parse("prefix=code, rate=price, increments=billing"));

        assertThat(deck.deck().rows()).containsExactly(
                new RateRow("44", "UK", new BigDecimal("0.02"), BigDecimal.ZERO, Increments.PER_MINUTE, 0, null, null),
                new RateRow("447", "UK Mobile", new BigDecimal("0.05"), BigDecimal.ZERO, new Increments(30, 6), 0,
                        null, null));
    }

    @Test
    void theCommonPresetKnowsDialCodeAndPrice() throws Exception {
        DeckImport deck = read("Dial Code,Country,Price,Effective Date\n33,France,0.03,2026-01-01\n",
                ColumnMapping.parse("common"));

        RateRow row = deck.deck().rows().get(0);
        assertThat(row.prefix()).isEqualTo("33");
        assertThat(row.destination()).isEqualTo("France");
        assertThat(row.effectiveFrom()).hasToString("2026-01-01T00:00:00Z");
    }

    @Test
    void problemsInAMappedSheetNameTheCanonicalFieldAndTheLine() {
        assertThatThrownBy(() -> read("code,price\n44,0.02\n4x,cheap\n", ColumnMapping.parse("prefix=code,rate=price")))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::line, InputProblem::field)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "prefix"),
                                org.assertj.core.groups.Tuple.tuple(3L, "rate")));
    }

    @Test
    void anUnmappedVendorColumnIsStillRefused() {
        assertThatThrownBy(() -> read("code,price,notes\n44,0.02,x\n", ColumnMapping.parse("prefix=code,rate=price")))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::field).containsExactly("notes"));
    }

    @Test
    void anExplicitItemWinsOverThePreset() {
        assertThat(ColumnMapping.parse("common,destination=price").aliases())
                .containsEntry("price", "destination").containsEntry("code", "prefix");
    }

    @Test
    void refusesWhatIsNotAMapping() {
        assertThatThrownBy(() -> ColumnMapping.parse("cost=price")).hasMessageContaining("'cost'")
                .hasMessageContaining("not a deck column");
        assertThatThrownBy(() -> ColumnMapping.parse("prefix=")).hasMessageContaining("names no column");
        assertThatThrownBy(() -> ColumnMapping.parse("vendorish")).hasMessageContaining("presets: common");
        assertThatThrownBy(() -> ColumnMapping.parse("prefix=code,rate=code"))
                .hasMessage("'code' is mapped to both prefix and rate");
    }
}
