package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate cdr import} without services: a file that cannot be imported, or a bad option, is refused with
 * exit 2 before anything is contacted (the addresses here answer nothing), and {@code --dry-run} reports.
 */
class CdrCommandTest {
    private static final String NOWHERE_CH = "jdbc:clickhouse://127.0.0.1:1";
    private static final String NOWHERE_KAFKA = "127.0.0.1:1";
    private static final String HEADER = "call_id,a_number,b_number,start,duration_s,cost\n";
    private static final String GOOD_ROW = "c1,+44 20 7000 0000,+44 7911 123456,2026-03-02T09:15:00Z,61.5,0.0123\n";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static CommandRun importCdrs(Path file, String format, String... extra) {
        String[] args = {"cdr", "import", "--vendor", "carrier-x", "--file", file.toString(), "--format", format,
            "--url", NOWHERE_CH, "--bootstrap", NOWHERE_KAFKA};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CommandRun.of(all);
    }

    private static CommandRun generic(Path file, String... extra) {
        return importCdrs(file, "generic", extra);
    }

    @Test
    void aMissingRequiredColumnRefusesTheFileNamingTheColumnOnTheHeaderLine() throws IOException {
        Path file = file("cdrs.csv", "call_id,a_number,b_number,duration_s\nc1,,+447911123456,12\n");

        CommandRun run = generic(file);

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains(file + ":1: field 'start'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void rowsWithValuesOfTheWrongTypeAreRefusedOneByOneAndNamed() throws IOException {
        Path file = file("cdrs.csv", HEADER + GOOD_ROW
                + "c2,,+447911123456,yesterday,12,0.1\n"
                + "c3,,+447911123456,2026-03-02T09:15:00Z,twelve,0.1\n"
                + "c4,,+447911123456,2026-03-02T09:15:00Z,12,cheap\n");

        CommandRun run = generic(file, "--dry-run");

        // the good row still counts, so the file as a whole is not refused: the bad rows are, each by line and field
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 rows", "1 would be imported", "3 refused", "nothing written")
                .contains(file + ":3: field 'start'", file + ":4: field 'duration_s'", file + ":5: field 'cost'");
    }

    @Test
    void aFileWhoseEveryRowHasTheWrongTypesIsRefusedWholeNamingLinesAndFields() throws IOException {
        Path file = file("cdrs.csv", HEADER
                + "c1,,+447911123456,yesterday,12,0.1\n"
                + "c2,,+447911123456,2026-03-02T09:15:00Z,-3,0.1\n");

        CommandRun run = generic(file);

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains(file + ":2: field 'start'", file + ":3: field 'duration_s'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aByteThatIsNotUtf8RefusesTheFileAtItsLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        byte[] bad = "Z\u00fcrich-2,,+447911123456,2026-03-02T09:15:00Z,12,0.1\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, (HEADER + GOOD_ROW).getBytes(StandardCharsets.UTF_8));
        Files.write(file, bad, java.nio.file.StandardOpenOption.APPEND);

        CommandRun run = generic(file);

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains(file + ":3: ").containsIgnoringCase("UTF-8");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path empty = file("empty.csv", "");
        Path headerOnly = file("header.csv", HEADER);

        CommandRun run = generic(empty);
        CommandRun noRows = generic(headerOnly);

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains(empty + ": ").contains("empty");
        assertThat(noRows.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(noRows.err()).contains(headerOnly.toString());
    }

    @Test
    void aColumnNamedTwiceInTheHeaderRefusesTheFile() throws IOException {
        Path file = file("cdrs.csv", "call_id,b_number,start,duration_s,B_Number\nc1,+447911123456,2026-03-02T09:15:00Z,12,"
                + "+447911123457\n");

        CommandRun run = generic(file);

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains(file + ":1: field 'b_number'");
    }

    @Test
    void aFormatThatDoesNotExistIsRefusedNamingTheOption() throws IOException {
        CommandRun run = importCdrs(file("cdrs.csv", HEADER + GOOD_ROW), "excel", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("field '--format'").contains("excel");
    }

    @Test
    void aTimeZoneThatDoesNotExistIsRefusedNamingTheOption() throws IOException {
        CommandRun run = generic(file("cdrs.csv", HEADER + GOOD_ROW), "--timezone", "Mars/Olympus", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("field '--timezone'").contains("Mars/Olympus");
    }

    @Test
    void aBadMappingIsRefusedNamingTheOption() throws IOException {
        Path file = file("cdrs.csv", HEADER + GOOD_ROW);

        CommandRun unknownField = generic(file, "--mapping", "dialled=DNIS", "--dry-run");
        CommandRun notAPair = generic(file, "--mapping", "b_number", "--dry-run");
        CommandRun twice = generic(file, "--mapping", "b_number=x,b_number=y", "--dry-run");
        CommandRun onAsterisk = importCdrs(file, "asterisk-master", "--mapping", "b_number=dst", "--dry-run");

        for (CommandRun run : new CommandRun[] {unknownField, notAPair, twice, onAsterisk}) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Tollgate.BAD_INPUT);
            assertThat(run.err()).contains("field '--mapping'");
            assertThat(run.out()).isEmpty();
        }
        assertThat(unknownField.err()).contains("dialled");
    }

    @Test
    void aMappingReadsAVendorsOwnColumnNames() throws IOException {
        Path file = file("vendor.csv", "ID,DNIS,StartTime,Secs\nc1,+447911123456,2026-03-02 09:15:00,12\n");

        CommandRun run = generic(file, "--mapping", "call_id=ID,b_number=DNIS,start=StartTime,duration_s=Secs",
                "--timezone", "Europe/Berlin", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 rows", "1 would be imported", "0 refused");
    }

    @Test
    void aDryRunOfAGoodGenericFileSummarisesAndNeedsNoService() throws IOException {
        Path file = file("cdrs.csv", HEADER + GOOD_ROW
                + "c2,anonymous,0044 7911 123457,2026-03-02 09:16:00,0,\n"
                + "c3,,+1 212 555 0100,2026-03-02T09:17:00+01:00,3.25,0.5\n");

        CommandRun run = generic(file, "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(file.toString()).contains("3 rows", "3 would be imported", "0 refused",
                "nothing written");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void aDryRunOfAsterisksMasterCsvCountsTheLegsWithoutADialledNumberAsRefused() throws IOException {
        Path master = dir.resolve("Master.csv");
        Files.copy(fixture("asterisk-Master.csv"), master);

        CommandRun run = importCdrs(master, "asterisk-master", "--dry-run");

        // 4 legs of one call: the customer's leg to 2800505482 is a CDR; the three legs whose dst is the
        // dialplan extension 's' have no dialled number
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 rows", "1 would be imported", "3 refused", "nothing written")
                .contains(master + ":1: field 'dst'", master + ":2: field 'dst'", master + ":3: field 'dst'")
                .doesNotContain(master + ":4:");
    }

    @Test
    void aMissingFileIsBadInput() {
        CommandRun run = generic(dir.resolve("missing.csv"), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("missing.csv: no such file");
    }

    /** The ingest module's test resource, found from the app module's working directory or the checkout's. */
    private static Path fixture(String name) {
        for (String root : new String[] {"..", "."}) {
            Path p = Paths.get(root, "ingest/src/test/resources/cdr", name);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new AssertionError("fixture " + name + " not found from " + Paths.get("").toAbsolutePath());
    }
}
