package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcileCommandTest {
    private static final String HEADER = "call_id,a_number,b_number,start,duration_s,cost\n";

    @TempDir
    Path dir;

    private Path write(String name, String rows) throws IOException {
        return Files.writeString(dir.resolve(name), HEADER + rows, StandardCharsets.UTF_8);
    }

    private CommandRun reconcile(String ours, String theirs, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("reconcile", "--ours", write("ours.csv", ours).toString(),
                "--theirs", write("theirs.csv", theirs).toString()));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(new String[0]));
    }

    @Test
    void writesEveryLineToOutAndTheSummaryToStandardOutput() throws IOException {
        Path out = dir.resolve("recon.csv");
        CommandRun run = reconcile("""
                c1,+49 30 111,+44 20 1234 5678,2026-01-10T10:00:00Z,60,0.020
                c2,,447911123456,2026-01-10T10:05:00Z,60,0.050
                c3,,447911123457,2026-01-10T10:06:00Z,30,0.010
                c4,,33123456789,2026-01-10T10:07:00Z,90,0.030
                c5,,33123456780,2026-01-10T10:08:00Z,10,0.5
                """, """
                x1,,0044201234567 8,2026-01-10T11:00:02+01:00,60,0.020
                ,4930111,447911123456,2026-01-10T10:04:59.5Z,58,0.050
                ,,447911123457,2026-01-10T10:06:00Z,30,0.0125
                ,,33123456789,2026-01-10T10:07:01Z,90.5,0.031
                ,,4912345,2026-01-10T10:09:00Z,12,0.25
                """, "--out", out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllLines(out)).containsExactly(
                "class,our_call_id,their_row,b_number,our_start,their_start,our_duration_s,their_duration_s,"
                        + "our_cost,their_cost,impact",
                "matched,c1,1,442012345678,2026-01-10T10:00:00Z,2026-01-10T10:00:02Z,60,60,0.020,0.020,0.000",
                "duration_mismatch,c2,2,447911123456,2026-01-10T10:05:00Z,2026-01-10T10:04:59.500Z,60,58,0.050,0.050,0.000",
                "cost_mismatch,c3,3,447911123457,2026-01-10T10:06:00Z,2026-01-10T10:06:00Z,30,30,0.010,0.0125,0.0025",
                "matched,c4,4,33123456789,2026-01-10T10:07:00Z,2026-01-10T10:07:01Z,90,90.5,0.030,0.031,0.001",
                "missing_theirs,c5,,33123456780,2026-01-10T10:08:00Z,,10,,0.5,,-0.5",
                "missing_ours,,5,4912345,,2026-01-10T10:09:00Z,,12,,0.25,0.25");
        assertThat(run.lines()).containsExactly(
                "class,count,impact",
                "matched,2,0.001",
                "duration_mismatch,1,0.000",
                "cost_mismatch,1,0.0025",
                "missing_theirs,1,-0.5",
                "missing_ours,1,0.25",
                "total,6,-0.2465");
    }

    @Test
    void withoutOutOnlyTheSummaryIsPrintedWithEveryClass() throws IOException {
        CommandRun run = reconcile("c1,,442012345678,2026-01-10T10:00:00Z,60,0.02\n",
                ",,442012345678,2026-01-10T10:00:03Z,60,0.02\n");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly("class,count,impact", "matched,0,0", "duration_mismatch,0,0",
                "cost_mismatch,0,0", "missing_theirs,1,-0.02", "missing_ours,1,0.02", "total,2,0.00");
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("ours.csv", "theirs.csv");
    }

    @Test
    void tolerancesAreOptions() throws IOException {
        String ours = "c1,,442012345678,2026-01-10T10:00:00Z,60,0.02\n";
        String theirs = ",,442012345678,2026-01-10T10:00:03Z,62,0.03\n";

        assertThat(reconcile(ours, theirs, "--time-tolerance", "3").lines()[2]).isEqualTo("duration_mismatch,1,0.01");
        assertThat(reconcile(ours, theirs, "--time-tolerance", "3", "--duration-tolerance", "2").lines()[3])
                .isEqualTo("cost_mismatch,1,0.01");
        assertThat(reconcile(ours, theirs, "--time-tolerance", "3", "--duration-tolerance", "2",
                "--cost-tolerance", "0.01").lines()[1]).isEqualTo("matched,1,0.01");
    }

    @Test
    void badRowsInEitherFileAreRefusedNamingFileLineAndFieldAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("recon.csv");
        CommandRun run = reconcile("""
                c1,,442012345678,2026-01-10T10:00:00Z,60,0.02
                ,,442012345678,2026-01-10T10:00:00Z,60,0.02
                c3,,0201234,2026-01-10T10:00:00Z,60,0.02
                c4,,442012345678,2026-01-10T10:00:00,-1,abc
                """, """
                ,,442012345678,2026-01-10T10:00:00Z,60,0.02
                ,x,442012345678,2026-01-10T10:00:00Z,,0.02
                """, "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("ours.csv:3: field 'call_id': is required")
                .contains("ours.csv:4: field 'b_number'")
                .contains("ours.csv:5: field 'start'")
                .contains("ours.csv:5: field 'duration_s'")
                .contains("ours.csv:5: field 'cost'")
                .contains("theirs.csv:3: field 'a_number'")
                .contains("theirs.csv:3: field 'duration_s': is required");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("ours.csv", "theirs.csv");
    }

    @Test
    void aMissingColumnAMissingFileAndANegativeToleranceAreBadInput() throws IOException {
        Path ours = write("ours.csv", "");
        Path noCost = Files.writeString(dir.resolve("theirs.csv"), "call_id,a_number,b_number,start,duration_s\n");

        CommandRun missingColumn = CommandRun.of("reconcile", "--ours", ours.toString(), "--theirs", noCost.toString());
        assertThat(missingColumn.exitCode()).isEqualTo(2);
        assertThat(missingColumn.err()).contains("theirs.csv:1: field 'cost'");

        CommandRun missingFile = CommandRun.of("reconcile", "--ours", ours.toString(),
                "--theirs", dir.resolve("nope.csv").toString());
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("nope.csv").contains("no such file");

        for (String option : new String[] {"--time-tolerance", "--duration-tolerance", "--cost-tolerance"}) {
            CommandRun negative = CommandRun.of("reconcile", "--ours", ours.toString(), "--theirs", ours.toString(),
                    option, "-1");
            assertThat(negative.exitCode()).isEqualTo(2);
            assertThat(negative.err()).contains("field '" + option + "'");
        }
        assertThat(CommandRun.of("reconcile", "--ours", ours.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void helpDescribesTheContract() {
        CommandRun run = CommandRun.of("reconcile", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--ours", "--theirs", "--time-tolerance", "--duration-tolerance",
                "--cost-tolerance", "--out", "class,count,impact", "impact = their cost - our cost");
        // the store mode, and what of ours a carrier bills
        assertThat(run.out()).contains("--vendor", "--from", "--to", "--file", "--out-dir", "--url", "--database",
                "recon_results", "answered", "start = answer time", "cost = vendor_amount",
                "dispute-<vendor>-<from date>.csv");
    }

    @Test
    void filesAndTheStoreAreOneOrTheOtherEachWithItsOwnOptions() throws IOException {
        Path ours = write("ours.csv", "");
        String[] period = {"--from", "2026-03-01T00:00:00Z", "--to", "2026-04-01T00:00:00Z"};

        CommandRun both = CommandRun.of("reconcile", "--vendor", "v", "--ours", ours.toString(), "--theirs",
                ours.toString(), period[0], period[1], period[2], period[3]);
        CommandRun neither = CommandRun.of("reconcile");
        CommandRun noPeriod = CommandRun.of("reconcile", "--vendor", "v", "--from", "2026-03-01T00:00:00Z");
        CommandRun outDirWithFiles = CommandRun.of("reconcile", "--ours", ours.toString(), "--theirs",
                ours.toString(), "--out-dir", dir.toString());
        CommandRun outWithStore = CommandRun.of("reconcile", "--vendor", "v", period[0], period[1], period[2],
                period[3], "--out", dir.resolve("x.csv").toString());
        CommandRun backwards = CommandRun.of("reconcile", "--vendor", "v", "--from", "2026-04-01T00:00:00Z", "--to",
                "2026-03-01T00:00:00Z");
        CommandRun noOffset = CommandRun.of("reconcile", "--vendor", "v", "--from", "2026-03-01T00:00:00", "--to",
                "2026-04-01T00:00:00Z");

        for (CommandRun run : List.of(both, neither, noPeriod, outDirWithFiles, outWithStore, backwards, noOffset)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
        }
        assertThat(both.err()).contains("field '--vendor'", "one or the other");
        assertThat(neither.err()).contains("--ours A.csv --theirs B.csv", "--vendor ID --from ISO --to ISO");
        assertThat(noPeriod.err()).contains("field '--to': is required with --vendor");
        assertThat(outDirWithFiles.err()).contains("field '--out-dir': applies to --vendor only");
        assertThat(outWithStore.err()).contains("field '--out': applies to --ours/--theirs only");
        assertThat(backwards.err()).contains("field '--to'", "must end after it starts");
        assertThat(noOffset.err()).contains("field '--from'", "ISO-8601");
        assertThat(dir.toFile().list()).containsExactly("ours.csv");
    }
}
