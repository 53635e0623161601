package io.tollgate.core.rating;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.RateDeckCsv.BadRows;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class RateDeckCsvTest {

    private static DeckImport read(String csv, BadRows badRows) throws BadInputException {
        try (CsvInput in = CsvInput.open(new StringReader(csv), "deck.csv", RateDeckCsv.REQUIRED,
                RateDeckCsv.COLUMNS)) {
            return RateDeckCsv.read(in, Rounding.DEFAULT, badRows);
        }
    }

    private static RateDeck deck(String csv) throws BadInputException {
        DeckImport imported = read(csv, BadRows.REFUSE);
        assertThat(imported.quarantined()).isEmpty();
        return imported.deck();
    }

    /** The problems of a deck refused as a whole. */
    private static List<InputProblem> problems(String csv) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> read(csv, BadRows.REFUSE));
        assertThat(e).as("the deck is refused").isNotNull();
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo("deck.csv"));
        return e.problems();
    }

    @Nested
    class Accepted {
        @Test
        void readsEveryColumnInAnyOrderWithACaseInsensitiveHeader() throws Exception {
            RateDeck deck = deck("""
                    Effective_To,RATE,Increments, Prefix ,Destination,CONNECT_FEE,min_duration,Effective_From
                    2026-04-01,0.0500,30/6,+447,UK Mobile,0.01,20,2026-03-01T01:00:00+01:00
                    """);
            assertThat(deck.rows()).containsExactly(new RateRow("447", "UK Mobile", new BigDecimal("0.0500"),
                    new BigDecimal("0.01"), new Increments(30, 6), 20, Instant.parse("2026-03-01T00:00:00Z"),
                    Instant.parse("2026-04-01T00:00:00Z")));
        }

        @Test
        void optionalColumnsDefaultToPerMinuteNoFeeNoMinimumAlwaysEffective() throws Exception {
            RateDeck deck = deck("""
                    prefix,rate
                    44,0.1
                    """);
            RateRow row = deck.rows().get(0);
            assertThat(row.prefix()).isEqualTo("44");
            assertThat(row.destination()).isEmpty();
            assertThat(row.rate()).isEqualByComparingTo("0.1");
            assertThat(row.connectFee()).isEqualByComparingTo("0");
            assertThat(row.increments()).isSameAs(Increments.PER_MINUTE);
            assertThat(row.minDuration()).isZero();
            assertThat(row.effectiveFrom()).isNull();
            assertThat(row.effectiveTo()).isNull();
            assertThat(row.isEffectiveAt(Instant.parse("1970-01-01T00:00:00Z"))).isTrue();
            assertThat(row.isEffectiveAt(Instant.parse("2999-01-01T00:00:00Z"))).isTrue();
        }

        @Test
        void emptyOptionalFieldsAlsoTakeTheDefaults() throws Exception {
            RateDeck deck = deck("""
                    prefix,destination,rate,effective_from,connect_fee,increments,min_duration,effective_to
                    44,,0.1,,,,,
                    33,France,0.2
                    """);
            for (RateRow row : deck.rows()) {
                assertThat(row.connectFee()).isEqualByComparingTo("0");
                assertThat(row.increments()).isSameAs(Increments.PER_MINUTE);
                assertThat(row.minDuration()).isZero();
                assertThat(row.effectiveFrom()).isNull();
                assertThat(row.effectiveTo()).isNull();
            }
            assertThat(deck.rows()).extracting(RateRow::destination).containsExactly("", "France");
        }

        @Test
        void anImportedDeckRatesCalls() throws Exception {
            RateDeck deck = deck("""
                    prefix,rate,connect_fee,increments
                    44,0.10,,60/60
                    447,0.12,0.005,30/6
                    """);
            // 447...: 40 s on 30/6 = 30 + ceil(10/6)*6 = 42 s; 0.005 + 0.12 * 42 / 60 = 0.005 + 0.084
            Charge charge = Rater.rate(deck, "447700900123", Instant.parse("2026-01-01T00:00:00Z"),
                    new BigDecimal("40"));
            assertThat(charge.billedSeconds()).isEqualTo(42);
            assertThat(charge.cost().toPlainString()).isEqualTo("0.089000");
        }

        @Test
        void usesTheRoundingGivenToTheImport() throws Exception {
            try (CsvInput in = CsvInput.open(new StringReader("prefix,rate\n44,0.01\n"), "deck.csv",
                    RateDeckCsv.REQUIRED, RateDeckCsv.COLUMNS)) {
                Rounding rounding = new Rounding(2, RoundingMode.DOWN);
                assertThat(RateDeckCsv.read(in, rounding, BadRows.REFUSE).deck().rounding()).isEqualTo(rounding);
            }
        }

        @Test
        void aDateAloneIsMidnightUtcAndOffsetsAreHonoured() throws Exception {
            RateDeck deck = deck("""
                    prefix,rate,effective_from,effective_to
                    44,0.1,2026-03-01,2026-03-02T00:00:00-05:00
                    """);
            RateRow row = deck.rows().get(0);
            assertThat(row.effectiveFrom()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
            assertThat(row.effectiveTo()).isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
        }

        @Test
        void samePrefixWithDifferentEffectiveFromIsAVersionNotADuplicate() throws Exception {
            RateDeck deck = deck("""
                    prefix,rate,effective_from
                    44,0.10,
                    44,0.08,2026-03-01
                    44,0.07,2026-04-01
                    """);
            assertThat(deck.versionsOf("44")).extracting(RateRow::rate).extracting(BigDecimal::toPlainString)
                    .containsExactly("0.07", "0.08", "0.10");
        }

        @Test
        void equalIncrementsAndPrefixesAreSharedInstances() throws Exception {
            String csv = """
                    prefix,rate,increments
                    447,0.10,30/6
                    448,0.11,30/6
                    449,0.12,30/ 6
                    """;
            List<RateRow> rows = deck(csv).rows();
            assertThat(rows.get(1).increments()).isSameAs(rows.get(0).increments());
            assertThat(rows.get(2).increments()).isSameAs(rows.get(0).increments());
            assertThat(rows.get(0).increments()).isEqualTo(new Increments(30, 6));
            // prefixes are interned, so decks quoting the same prefixes share the strings
            List<RateRow> again = deck(csv).rows();
            assertThat(again.get(0).prefix()).isSameAs(rows.get(0).prefix()).isEqualTo("447");
            assertThat(again.get(0).increments()).isEqualTo(rows.get(0).increments());
        }

        @Test
        void fifteenDigitPrefixIsTheLongestAccepted() throws Exception {
            assertThat(deck("prefix,rate\n123456789012345,0.1\n").rows()).hasSize(1);
        }

        @Test
        void aHeaderAloneIsAnEmptyDeck() throws Exception {
            DeckImport imported = read("prefix,rate\n", BadRows.REFUSE);
            assertThat(imported.acceptedRows()).isZero();
            assertThat(imported.header()).containsExactly("prefix", "rate");
        }
    }

    @Nested
    class BadRowsRefused {
        @ParameterizedTest
        @ValueSource(strings = {"4a4", "044", "+", "44 7", "1234567890123456", "-44", "4.4"})
        void badPrefix(String prefix) {
            assertThat(problems("prefix,rate\n33,0.1\n\"" + prefix + "\",0.1\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(3L, "prefix"));
        }

        @Test
        void missingPrefixValue() {
            assertThat(problems("prefix,rate\n,0.1\n"))
                    .extracting(InputProblem::line, InputProblem::field, InputProblem::message)
                    .containsExactly(tuple(2L, "prefix", "is required"));
        }

        @Test
        void negativeRate() {
            assertThat(problems("prefix,rate\n44,0.1\n33,-0.01\n"))
                    .extracting(InputProblem::line, InputProblem::field, InputProblem::message)
                    .containsExactly(tuple(3L, "rate", "'-0.01' is negative"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "0,1", "1.2.3", "€0.1", "NaN"})
        void nonNumericRate(String rate) {
            assertThat(problems("prefix,rate\n44,\"" + rate + "\"\n"))
                    .extracting(InputProblem::line, InputProblem::field, InputProblem::message)
                    .containsExactly(tuple(2L, "rate", "'" + rate + "' is not a number"));
        }

        @Test
        void missingRateValue() {
            assertThat(problems("prefix,rate\n44,\n"))
                    .extracting(InputProblem::line, InputProblem::field, InputProblem::message)
                    .containsExactly(tuple(2L, "rate", "is required"));
        }

        @Test
        void negativeOrNonNumericConnectFee() {
            assertThat(problems("prefix,rate,connect_fee\n44,0.1,-0.5\n33,0.1,free\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(2L, "connect_fee"), tuple(3L, "connect_fee"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0/60", "60/x", "60/0", "60", "sixty/60"})
        void badIncrements(String increments) {
            assertThat(problems("prefix,rate,increments\n44,0.1,60/60\n33,0.1," + increments + "\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(3L, "increments"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.5", "ten"})
        void badMinDuration(String minDuration) {
            assertThat(problems("prefix,rate,min_duration\n44,0.1," + minDuration + "\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(2L, "min_duration"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-13-01", "2026-02-30", "01/03/2026", "yesterday", "2026-03-01T00:00:00",
                "2026-03-01 00:00:00Z", "1772323200"})
        void unparsableEffectiveFrom(String date) {
            assertThat(problems("prefix,rate,effective_from\n44,0.1,2026-01-01\n33,0.1," + date + "\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(3L, "effective_from"));
        }

        @Test
        void unparsableEffectiveTo() {
            List<InputProblem> problems = problems("prefix,rate,effective_to\n44,0.1,next week\n");
            assertThat(problems).extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(2L, "effective_to"));
            assertThat(problems.get(0).message()).contains("'next week'").contains("ISO-8601");
        }

        @Test
        void effectiveToNotAfterEffectiveFrom() {
            assertThat(problems("""
                    prefix,rate,effective_from,effective_to
                    44,0.1,2026-03-01,2026-03-01
                    33,0.1,2026-03-01T00:00:00Z,2026-02-28T23:59:59Z
                    34,0.1,2026-03-01T01:00:00+01:00,2026-03-01
                    49,0.1,2026-03-01,2026-03-01T00:00:01Z
                    """))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(2L, "effective_to"), tuple(3L, "effective_to"), tuple(4L, "effective_to"));
        }

        @Test
        void samePrefixTwiceWithTheSameEffectiveFromNamesBothLines() {
            List<InputProblem> problems = problems("""
                    prefix,rate,effective_from
                    44,0.10,2026-03-01
                    33,0.20,2026-03-01
                    44,0.11,2026-03-01T00:00:00Z
                    """);
            assertThat(problems).extracting(InputProblem::line, InputProblem::field)
                    .containsExactlyInAnyOrder(tuple(2L, "prefix"), tuple(4L, "prefix"));
            assertThat(problems).filteredOn(p -> p.line() == 2).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("line 4"));
            assertThat(problems).filteredOn(p -> p.line() == 4).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("line 2"));
        }

        @Test
        void samePrefixWrittenDifferentlyWithoutEffectiveFromIsADuplicate() {
            List<InputProblem> problems = problems("""
                    prefix,rate
                    44,0.10
                    +44,0.11
                    44,0.12
                    """);
            assertThat(problems).extracting(InputProblem::line, InputProblem::field)
                    .containsExactlyInAnyOrder(tuple(2L, "prefix"), tuple(3L, "prefix"), tuple(4L, "prefix"));
            assertThat(problems).filteredOn(p -> p.line() == 2).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("lines 3, 4"));
        }

        @Test
        void severalProblemsInOneRowAreAllReported() {
            assertThat(problems("prefix,rate,increments\n4x,-1,0/0\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(2L, "prefix"), tuple(2L, "rate"), tuple(2L, "increments"));
        }

        @Test
        void everyBadRowOfTheFileIsReportedInLineOrder() {
            assertThat(problems("""
                    prefix,rate,increments,effective_from
                    44,0.1,60/60,
                    x,0.1,60/60,
                    33,abc,60/60,
                    34,0.1,0/60,
                    49,0.1,60/60,soon
                    """))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(3L, "prefix"), tuple(4L, "rate"), tuple(5L, "increments"),
                            tuple(6L, "effective_from"));
        }

        @Test
        void problemsAreReadableWithFileLineAndField() {
            assertThat(problems("prefix,rate\n44,-1\n").get(0).toString())
                    .isEqualTo("deck.csv:2: field 'rate': '-1' is negative");
        }
    }

    @Nested
    class BadFiles {
        private List<InputProblem> refused(String csv) {
            BadInputException e = catchThrowableOfType(BadInputException.class, () -> read(csv, BadRows.QUARANTINE));
            assertThat(e).as("refused even when quarantining").isNotNull();
            return e.problems();
        }

        @Test
        void missingRequiredColumn() {
            assertThat(refused("prefix,destination\n44,UK\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(1L, "rate"));
            assertThat(refused("destination\nUK\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactlyInAnyOrder(tuple(1L, "prefix"), tuple(1L, "rate"));
        }

        @Test
        void unknownColumn() {
            List<InputProblem> problems = refused("prefix,rate,efective_from\n44,0.1,2026-01-01\n");
            assertThat(problems).extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(1L, "efective_from"));
            assertThat(problems.get(0).message()).contains("unknown column").contains("effective_from");
        }

        @Test
        void duplicateHeaderColumn() {
            List<InputProblem> problems = refused("prefix,rate,RATE\n44,0.1,0.2\n");
            assertThat(problems).extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(1L, "rate"));
            assertThat(problems.get(0).message()).contains("twice");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\n", "\n\n\n"})
        void emptyFile(String csv) {
            List<InputProblem> problems = refused(csv);
            assertThat(problems).extracting(InputProblem::line, InputProblem::field).containsExactly(tuple(0L, ""));
            assertThat(problems.get(0).message()).contains("empty").contains("header");
        }

        @Test
        void aRowWithTooManyFields() {
            List<InputProblem> problems = problems("prefix,rate\n44,0.1\n33,0.2,extra\n34,0.3\n");
            assertThat(problems).extracting(InputProblem::line, InputProblem::field).containsExactly(tuple(3L, ""));
            assertThat(problems.get(0).message()).contains("3 fields").contains("header has 2");
        }

        @Test
        void aQuotedFieldWithANewlineKeepsLaterLineNumbersRight() {
            List<InputProblem> problems = problems("""
                    prefix,destination,rate
                    44,"United
                    Kingdom",0.1
                    33,"France, ""metro"" area",x
                    34,Spain,0.1
                    49,"Germany
                    (all
                    networks)",-1
                    """);
            assertThat(problems).extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(4L, "rate"), tuple(6L, "rate"));
        }

        @Test
        void blankLinesAndWindowsLineEndsCountAsLines() {
            assertThat(problems("prefix,rate\r\n44,0.1\r\n\r\n33,x\r\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(4L, "rate"));
        }

        @Test
        void aFileInLatin1IsRefusedAsNotUtf8(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("vendor.csv");
            byte[] latin1 = "prefix,destination,rate\n33,R\u00e9union,0.1\n".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(latin1).contains((byte) 0xE9);
            Files.write(file, latin1);
            BadInputException e = catchThrowableOfType(BadInputException.class,
                    () -> RateDeckCsv.read(file, Rounding.DEFAULT, BadRows.QUARANTINE));
            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo(file.toString());
                assertThat(p.line()).isEqualTo(2L);
                assertThat(p.message()).contains("not UTF-8");
            });
        }

        @Test
        void theSameFileInUtf8IsAccepted(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("vendor.csv");
            Files.writeString(file, "prefix,destination,rate\n33,R\u00e9union,0.1\n", StandardCharsets.UTF_8);
            DeckImport imported = RateDeckCsv.read(file, Rounding.DEFAULT, BadRows.REFUSE);
            assertThat(imported.deck().rows()).extracting(RateRow::destination).containsExactly("R\u00e9union");
        }

        @Test
        void aMissingFileIsBadInputNamingIt(@TempDir Path dir) {
            Path file = dir.resolve("nope.csv");
            assertThatThrownBy(() -> RateDeckCsv.read(file, Rounding.DEFAULT, BadRows.REFUSE))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("no such file");
        }
    }

    @Nested
    class Quarantine {
        private static final String MIXED = """
                rate,prefix,destination,increments
                0.10,44,UK,60/60
                0.20,4x,Bad prefix,60/60
                0.30,447,"UK, mobile",30/6
                -1,33,"France
                and more",0/60
                0.40,34,Spain,1/1
                0.50,34,Spain again,1/1
                """;

        @Test
        void keepsGoodRowsAndSetsBadOnesAsideWithLineNumbers() throws Exception {
            DeckImport imported = read(MIXED, BadRows.QUARANTINE);
            assertThat(imported.deck().rows()).extracting(RateRow::prefix).containsExactly("44", "447");
            assertThat(imported.acceptedRows()).isEqualTo(2);
            assertThat(imported.quarantined()).extracting(QuarantinedRow::line).containsExactly(3L, 5L, 7L, 8L);

            QuarantinedRow france = imported.quarantined().get(1);
            assertThat(france.values()).containsExactly("-1", "33", "France\nand more", "0/60");
            assertThat(france.problems()).extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(5L, "rate"), tuple(5L, "increments"));
            assertThat(imported.quarantined().get(2).problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("line 8"));
        }

        @Test
        void aRowWithTooManyFieldsIsQuarantinedAloneAndTheRestOfTheFileStillImports() throws Exception {
            DeckImport imported = read("prefix,rate\n44,0.1\n33,0.2,extra\n34,0.3\n", BadRows.QUARANTINE);

            assertThat(imported.deck().rows()).extracting(RateRow::prefix).containsExactly("44", "34");
            assertThat(imported.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.line()).isEqualTo(3L);
                assertThat(q.problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).isEqualTo("has 3 fields but the header has 2"));
            });
        }

        @Test
        void aRowWithTooManyFieldsIsReportedAlongsideEveryOtherBadRow() {
            assertThat(problems("prefix,rate\n44,x\n33,0.2,extra\n34,-1\n"))
                    .extracting(InputProblem::line, InputProblem::field)
                    .containsExactly(tuple(2L, "rate"), tuple(3L, ""), tuple(4L, "rate"));
        }

        @Test
        void theSameFileIsRefusedAsAWholeWithoutQuarantine() {
            assertThat(problems(MIXED)).extracting(InputProblem::line).containsExactly(3L, 5L, 5L, 7L, 8L);
        }

        @Test
        void quarantinedRowsAreWrittenBackInTheFilesOwnLayout() throws Exception {
            DeckImport imported = read(MIXED, BadRows.QUARANTINE);
            StringWriter out = new StringWriter();
            imported.writeQuarantine(out);

            List<String> known = new ArrayList<>(List.of("line", "field", "reason"));
            known.addAll(imported.header());
            List<CsvRecord> records = new ArrayList<>();
            try (CsvInput in = CsvInput.open(new StringReader(out.toString()), "quarantine.csv", known, known)) {
                assertThat(in.header()).containsExactly("line", "field", "reason", "rate", "prefix", "destination",
                        "increments");
                for (CsvRecord r = in.next(); r != null; r = in.next()) {
                    records.add(r);
                }
            }
            assertThat(records).extracting(r -> r.get("line"), r -> r.get("field"), r -> r.get("prefix"))
                    .containsExactly(
                            tuple("3", "prefix", "4x"),
                            tuple("5", "rate;increments", "33"),
                            tuple("7", "prefix", "34"),
                            tuple("8", "prefix", "34"));
            CsvRecord france = records.get(1);
            assertThat(france.values()).containsExactly("5", "rate;increments",
                    france.get("reason"), "-1", "33", "France\nand more", "0/60");
            assertThat(france.get("reason")).contains("'-1' is negative").contains("'0/60'");
        }

        @Test
        void theQuarantineFileIsLineFieldReasonThenTheRowAsRead() throws Exception {
            DeckImport imported = read("""
                    prefix,rate
                    44,0.1
                    33,-0.2
                    """, BadRows.QUARANTINE);
            StringWriter out = new StringWriter();
            imported.writeQuarantine(out);
            List<String> columns = List.of("line", "field", "reason", "prefix", "rate");
            try (CsvInput in = CsvInput.open(new StringReader(out.toString()), "q.csv", columns, columns)) {
                assertThat(in.header()).isEqualTo(columns);
                CsvRecord only = in.next();
                assertThat(only.values()).containsExactly("3", "rate", "'-0.2' is negative", "33", "-0.2");
                assertThat(only.line()).isEqualTo(2);
                assertThat(in.next()).isNull();
            }
        }

        @Test
        void aCleanFileQuarantinesNothing() throws Exception {
            DeckImport imported = read("prefix,rate\n44,0.1\n", BadRows.QUARANTINE);
            assertThat(imported.quarantined()).isEmpty();
            StringWriter out = new StringWriter();
            imported.writeQuarantine(out);
            assertThat(out.toString()).isEqualTo("line,field,reason,prefix,rate\n");
        }
    }
}
