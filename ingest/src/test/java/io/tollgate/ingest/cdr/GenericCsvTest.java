package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.numbers.NumberNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generic format: header checks refuse the file, value checks refuse the row, and the file streams. */
class GenericCsvTest {
    @TempDir
    Path dir;

    private CdrImport.Check check(String content, CdrMapping mapping, Set<String> ignored) throws Exception {
        Path file = dir.resolve("cdrs.csv");
        Files.writeString(file, content);
        return check(file, mapping, ignored, ZoneOffset.UTC);
    }

    private static CdrImport.Check check(Path file, CdrMapping mapping, Set<String> ignored, ZoneId zone) throws Exception {
        CdrImport.Request request = new CdrImport.Request("carrier", file, new GenericCsv(mapping, ignored), zone,
                NumberNormalizer.plain(), false);
        return new CdrImport(request, ImportProgress.NONE, Clock.systemUTC()).check();
    }

    private CdrImport.Check check(String content) throws Exception {
        return check(content, CdrMapping.identity(), Set.of());
    }

    @Test
    void goodRowsPassAndBadValuesAreRefusedRowByRowNamingTheField() throws Exception {
        CdrImport.Check check = check("call_id,a_number,b_number,start,duration_s,cost\n"
                + "1,+44 20 7000 0000,+44 7911 123456,2026-03-02T09:15:00Z,61.5,0.0123\n"
                + "2,,0044 7911 123456,2026-03-02 09:15:00,12,\n"
                + "3,,07911 123456,2026-03-02T09:15:00Z,12,0.1\n"
                + "4,,447911123456,yesterday,12,0.1\n"
                + "5,,447911123456,2026-03-02T09:15:00Z,-1,0.1\n"
                + "6,,447911123456,2026-03-02T09:15:00Z,1,abc\n"
                + "7,,447911123456,2026-03-02T09:15:00Z,1.0001,0.1\n");

        assertThat(check.rows()).isEqualTo(7);
        assertThat(check.refused()).isEqualTo(5);
        assertThat(check.examples()).extracting(p -> p.line() + ":" + p.field()).containsExactly(
                "4:b_number", "5:start", "6:duration_s", "7:cost", "8:duration_s");
        assertThat(check.examples().get(0).message()).contains("national format");
    }

    @Test
    void aMissingColumnADuplicateHeaderAndAnUnknownColumnRefuseTheFile() {
        assertThatThrownBy(() -> check("call_id,b_number,start\n1,441,2026-03-02T09:15:00Z\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cdrs.csv:1: field 'duration_s': required column is missing from the header");
        assertThatThrownBy(() -> check("b_number,start,duration_s,start\n441,2026-03-02T09:15:00Z,1,x\n"))
                .hasMessageContaining("field 'start': column appears twice in the header");
        assertThatThrownBy(() -> check("b_number,start,duration_s,costt\n441,2026-03-02T09:15:00Z,1,x\n"))
                .hasMessageContaining("field 'costt': unknown column; map it with --mapping");
    }

    @Test
    void anEmptyFileAHeaderOnlyFileAndAFileThatIsNotUtf8AreRefused() throws Exception {
        assertThatThrownBy(() -> check("")).hasMessageContaining("cdrs.csv: is empty");
        assertThatThrownBy(() -> check("b_number,start,duration_s\n")).hasMessageContaining("has a header but no CDR rows");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "b_number,start,duration_s,call_id\n441,2026-03-02T09:15:00Z,1,a\n442,2026-03-02T09:15:00Z,1,M\u00fcller\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> check(latin1, CdrMapping.identity(), Set.of(), ZoneOffset.UTC))
                .hasMessageContaining("latin1.csv:3: is not UTF-8 text");
    }

    @Test
    void aMappingRenamesColumnsAndIgnoredColumnsAreSkipped() throws Exception {
        CdrImport.Check check = check("DNIS,StartTime,Secs,Trunk\n441,2026-03-02 10:15:00,3,t1\n",
                CdrMapping.parse("b_number=DNIS,start=StartTime,duration_s=Secs"), Set.of("trunk"));

        assertThat(check.rows()).isEqualTo(1);
        assertThat(check.refused()).isZero();
    }

    @Test
    void aBadMappingIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> CdrMapping.parse("b_numbr=DNIS")).hasMessageContaining("--mapping")
                .hasMessageContaining("'b_numbr' is not a CDR field");
        assertThatThrownBy(() -> CdrMapping.parse("b_number=X,b_number=Y")).hasMessageContaining("mapped twice");
        assertThatThrownBy(() -> CdrMapping.parse("b_number")).hasMessageContaining("is not field=column");
    }

    @Test
    void localTimesAreInTheFilesZoneAndOneTheClocksSkipIsRefused() throws Exception {
        CdrFields berlin = new CdrFields(NumberNormalizer.plain(), ZoneId.of("Europe/Berlin"));

        assertThat(berlin.time("start", "2026-03-02 10:15:00")).isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(berlin.time("start", "2026-03-02T10:15:00+02:00")).isEqualTo(Instant.parse("2026-03-02T08:15:00Z"));
        assertThatThrownBy(() -> berlin.time("start", "2026-03-29 02:30:00")).hasMessageContaining("the clocks skip it");
    }

    @Test
    void aQuotedFieldMaySpanLinesAndTheRowKeepsItsFirstLineAndRawText() throws Exception {
        Path file = dir.resolve("q.csv");
        Files.writeString(file, "b_number,start,duration_s,call_id\r\n441,2026-03-02T09:15:00Z,1,\"a\r\nb, \"\"c\"\"\"\r\n\r\n"
                + "bad,2026-03-02T09:15:00Z,1,x\r\n");
        try (CsvRecords records = CsvRecords.open(file)) {
            records.next();
            RawRecord quoted = records.next();
            RawRecord bad = records.next();
            assertThat(quoted.line()).isEqualTo(2);
            assertThat(quoted.field(3)).isEqualTo("a\nb, \"c\"");
            assertThat(bad.line()).isEqualTo(5);
            assertThat(bad.raw()).isEqualTo("bad,2026-03-02T09:15:00Z,1,x");
            assertThat(records.next()).isNull();
        }
    }

    @Test
    void aLineLongerThanOneMebibyteRefusesTheFileInsteadOfBeingReadWhole() throws Exception {
        Path file = dir.resolve("binary.csv");
        Files.write(file, new byte[CsvRecords.MAX_RECORD_BYTES + 10]);

        assertThatThrownBy(() -> check(file, CdrMapping.identity(), Set.of(), ZoneOffset.UTC))
                .hasMessageContaining("binary.csv:1: the line is longer than 1024 KiB");
    }

    /** Streaming: a file of 300,000 rows (~25 MB) is checked in a heap far smaller than the file would take read whole. */
    @Test
    void aLargeFileStreamsThroughInFlatMemory() throws Exception {
        Path file = dir.resolve("large.csv");
        CdrFiles.generic(file, 300_000, 1000);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] peak = {0};
        CdrImport.Request request = new CdrImport.Request("carrier", file, new GenericCsv(CdrMapping.identity(), Set.of()),
                ZoneOffset.UTC, NumberNormalizer.plain(), false);
        CdrImport.Check check = new CdrImport(request, (pass, bytes, total, rows) -> {
            System.gc();
            peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory() - before);
        }, Clock.systemUTC()).check();

        assertThat(check.rows()).isEqualTo(300_000);
        assertThat(check.refused()).isEqualTo(300);
        assertThat(peak[0]).as("live heap growth while streaming %d bytes", Files.size(file))
                .isLessThan(Files.size(file) / 4);
    }
}
