package io.tollgate.core.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class CsvInputTest {
    private static final List<String> REQUIRED = List.of("call_id", "number");
    private static final List<String> KNOWN = List.of("call_id", "number", "duration_s", "start");

    private static CsvInput open(String csv) throws BadInputException {
        return CsvInput.open(new StringReader(csv), "calls.csv", REQUIRED, KNOWN);
    }

    private static List<CsvRecord> readAll(String csv) throws BadInputException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvInput in = open(csv)) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                records.add(r);
            }
        }
        return records;
    }

    private static List<InputProblem> refused(String csv) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> readAll(csv));
        assertThat(e).as("refused").isNotNull();
        return e.problems();
    }

    @Test
    void headerNamesAreCaseInsensitiveTrimmedAndMayStartWithAByteOrderMark() throws Exception {
        try (CsvInput in = open("\uFEFF Number ,CALL_ID\n442079460958,c1\n")) {
            assertThat(in.header()).containsExactly("number", "call_id");
            assertThat(in.source()).isEqualTo("calls.csv");
            CsvRecord r = in.next();
            assertThat(r.get("call_id")).isEqualTo("c1");
            assertThat(r.get("number")).isEqualTo("442079460958");
            assertThat(in.next()).isNull();
        }
    }

    @Test
    void valuesAreStrippedAndAbsentOrShortColumnsReadAsEmpty() throws Exception {
        List<CsvRecord> records = readAll("call_id,number,start\n  c1 , 44 \nc2,33,2026-01-01T00:00:00Z\n");
        CsvRecord short1 = records.get(0);
        assertThat(short1.get("call_id")).isEqualTo("c1");
        assertThat(short1.get("number")).isEqualTo("44");
        assertThat(short1.get("start")).as("row shorter than the header").isEmpty();
        assertThat(short1.has("start")).isFalse();
        assertThat(short1.get("duration_s")).as("known column not in this file").isEmpty();
        assertThat(short1.values()[1]).as("values() as read, not stripped").isEqualTo(" 44 ");
        assertThat(records.get(1).has("start")).isTrue();
    }

    @Test
    void recordsKnowTheLineTheyStartOnAcrossQuotedNewlinesBlankLinesAndCrLf() throws Exception {
        List<CsvRecord> records = readAll(
                "call_id,number\r\n"
                        + "c1,\"44\r\n20\"\r\n"  // lines 2-3
                        + "\r\n"                 // line 4, blank
                        + "c2,33\r\n"            // line 5
                        + "\"c\n3\n\",34\n"      // lines 6-8
                        + "c4,35");              // line 9, no final newline
        assertThat(records).extracting(CsvRecord::line, r -> r.get("call_id"))
                .containsExactly(tuple(2L, "c1"), tuple(5L, "c2"), tuple(6L, "c\n3"), tuple(9L, "c4"));
        assertThat(records.get(0).values()[1]).isEqualTo("44\r\n20");
    }

    @Test
    void aRecordProblemNamesSourceLineAndField() throws Exception {
        CsvRecord r = readAll("call_id,number\nc1,44\n").get(0);
        InputProblem problem = r.problem("number", "too short");
        assertThat(problem).isEqualTo(new InputProblem("calls.csv", 2, "number", "too short"));
        assertThat(problem.toString()).isEqualTo("calls.csv:2: field 'number': too short");
        assertThat(r.source()).isEqualTo("calls.csv");
    }

    @Test
    void problemsAboutTheWholeInputOmitLineAndField() {
        assertThat(new InputProblem("x.csv", 0, "", "is empty").toString()).isEqualTo("x.csv: is empty");
        assertThat(new InputProblem("x.csv", 7, "", "has 3 fields").toString()).isEqualTo("x.csv:7: has 3 fields");
    }

    @Test
    void headerProblemsAreAllReportedTogetherOnLineOne() {
        List<InputProblem> problems = refused("Number,number,durration_s\n44,44,1\n");
        assertThat(problems).extracting(InputProblem::line, InputProblem::field)
                .containsExactly(tuple(1L, "number"), tuple(1L, "durration_s"), tuple(1L, "call_id"));
        assertThat(problems).extracting(InputProblem::message).satisfiesExactly(
                m -> assertThat(m).contains("twice"),
                m -> assertThat(m).contains("unknown column").contains("call_id,number,duration_s,start"),
                m -> assertThat(m).contains("required column is missing"));
    }

    @Test
    void anEmptyInputIsRefusedNamingTheExpectedHeader() {
        assertThat(refused("")).singleElement().satisfies(p -> {
            assertThat(p.line()).isZero();
            assertThat(p.field()).isEmpty();
            assertThat(p.message()).contains("empty").contains("call_id,number,duration_s,start");
        });
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderHasAShapeProblemWithItsLineAndReadingGoesOn() throws Exception {
        try (CsvInput in = open("call_id,number\nc1,44\n\"c\n2\",44,extra\nc3,45\n")) {
            assertThat(in.next().shapeProblems()).isEmpty();
            assertThat(in.next().shapeProblems())
                    .extracting(InputProblem::line, InputProblem::field, InputProblem::message)
                    .containsExactly(tuple(3L, "", "has 3 fields but the header has 2"));
            CsvRecord after = in.next();
            assertThat(after.line()).isEqualTo(5);
            assertThat(after.get("call_id")).isEqualTo("c3");
        }
    }

    @Test
    void aByteThatIsNotUtf8IsLocatedOnItsOwnLineFarBeyondTheParsersReadAhead(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder("call_id,number\n");
        for (int i = 1; i <= 20_000; i++) {
            text.append("c").append(i).append(",44\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = "c\u00e9,44\n".getBytes(StandardCharsets.ISO_8859_1); // line 20,002
        Path file = dir.resolve("calls.csv");
        Files.write(file, concat(good, bad));

        BadInputException e = catchThrowableOfType(BadInputException.class, () -> {
            try (CsvInput in = CsvInput.open(file, List.of(), List.of("call_id", "number"))) {
                while (in.next() != null) {
                    // read to the end
                }
            }
        });

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(20_002L);
            assertThat(p.message()).contains("not UTF-8");
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aHeaderColumnWithoutANameIsNamedByItsPosition() {
        assertThat(refused("call_id,number,\nc1,44,\n"))
                .extracting(InputProblem::line, InputProblem::message)
                .containsExactly(tuple(1L, "column 3 of the header has no name (a trailing comma?)"));
    }

    @Test
    void badInputExceptionListsEveryProblemInItsMessage() {
        BadInputException e = new BadInputException(List.of(
                new InputProblem("a.csv", 2, "rate", "bad"), new InputProblem("a.csv", 3, "", "worse")));
        assertThat(e.getMessage()).isEqualTo("a.csv:2: field 'rate': bad\na.csv:3: worse");
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void badInputExceptionShowsTheFirstFiftyProblemsAndCountsTheRest() {
        List<InputProblem> many = new ArrayList<>();
        for (int i = 1; i <= 53; i++) {
            many.add(new InputProblem("a.csv", i, "", "bad"));
        }
        BadInputException e = new BadInputException(many);
        assertThat(e.getMessage()).contains("a.csv:50: bad").doesNotContain("a.csv:51:")
                .endsWith("... and 3 more problems");
        assertThat(e.problems()).hasSize(53);
    }

    @Test
    void aFileIsReadAsStrictUtf8(@TempDir Path dir) throws Exception {
        Path utf8 = dir.resolve("utf8.csv");
        Files.writeString(utf8, "call_id,number\nr\u00e9union-1,262\n", StandardCharsets.UTF_8);
        try (CsvInput in = CsvInput.open(utf8, REQUIRED, KNOWN)) {
            assertThat(in.source()).isEqualTo(utf8.toString());
            assertThat(in.next().get("call_id")).isEqualTo("r\u00e9union-1");
        }
    }

    @Test
    void aLatin1FileIsRefusedAsNotUtf8(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "call_id,number\nr\u00e9union-1,262\n".getBytes(StandardCharsets.ISO_8859_1));
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> {
            try (CsvInput in = CsvInput.open(latin1, REQUIRED, KNOWN)) {
                while (in.next() != null) {
                    // read to the end
                }
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(latin1.toString());
            assertThat(p.message()).contains("not UTF-8");
        });
    }

    @Test
    void aMissingFileIsBadInput(@TempDir Path dir) {
        Path missing = dir.resolve("missing.csv");
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> CsvInput.open(missing, REQUIRED, KNOWN));
        assertThat(e.problems()).singleElement()
                .isEqualTo(new InputProblem(missing.toString(), 0, "", "no such file"));
    }
}
