package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RateCommandTest {
    private static final String DECK = """
            prefix,destination,rate,increments,connect_fee,min_duration,effective_from,effective_to
            44,UK,0.02,60/60,,,,
            447,UK Mobile,0.05,30/6,0.01,,,
            4477,UK Special,0.10,1/1,,10,,
            33,France,0.03,60/60,,,2026-01-01T00:00:00Z,2026-02-01T00:00:00Z
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private CommandRun rate(String calls, String... extra) throws IOException {
        Path deck = write("deck.csv", DECK);
        Path callsFile = write("calls.csv", "call_id,start,duration_s,number\n" + calls);
        String[] args = {"rate", "--deck", deck.toString(), "--calls", callsFile.toString()};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CommandRun.of(all);
    }

    @Test
    void ratesEachCallInInputOrderWithTheContractColumns() throws IOException {
        CommandRun run = rate("""
                c1,2026-01-10T10:00:00Z,61,+44 20 1234 5678
                c2,2026-01-10T10:00:00+01:00,31,447911123456
                c3,2026-01-10T10:00:00Z,0.2,00447711123456
                c4,2026-01-10T10:00:00Z,0,44201234
                """);

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(
                "call_id,prefix,billed_s,cost,reason",
                // 61 s at 60/60 -> 120 s; 0.02 * 2 = 0.04
                "c1,44,120,0.040000,",
                // 31 s at 30/6 -> 36 s; 0.01 + 0.05 * 36 / 60 = 0.04
                "c2,447,36,0.040000,",
                // 0.2 s -> 1 s -> min 10 s at 1/1; 0.10 * 10 / 60 = 0.01666.. -> 0.016667
                "c3,4477,10,0.016667,",
                // unanswered: nothing billed, nothing charged, but still rated
                "c4,44,0,0.000000,");
    }

    @Test
    void aCallThatCannotBeRatedHasAReasonAndNoSilentZero() throws IOException {
        CommandRun run = rate("""
                c1,2026-01-10T10:00:00Z,30,1212555
                c2,2026-01-10T10:00:00Z,30,not-a-number
                c3,2026-03-10T10:00:00Z,30,33123456
                c4,2026-01-10T10:00:00Z,30,33123456
                """);

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).containsExactly(
                "call_id,prefix,billed_s,cost,reason",
                "c1,,,,no_rate",
                "c2,,,,bad_number",
                // the France row has stopped being effective on 2026-02-01
                "c3,,,,no_rate",
                "c4,33,60,0.030000,");
    }

    @Test
    void decimalsAndRoundingModeApplyOncePerCall() throws IOException {
        String call = "c1,2026-01-10T10:00:00Z,10,447711123456\n"; // 0.10 * 10 / 60 = 0.0166666..
        assertThat(rate(call, "--decimals", "4", "--rounding", "DOWN").lines()[1]).isEqualTo("c1,4477,10,0.0166,");
        assertThat(rate(call, "--decimals", "4", "--rounding", "UP").lines()[1]).isEqualTo("c1,4477,10,0.0167,");
        assertThat(rate(call, "--decimals", "2", "--rounding", "HALF_UP").lines()[1]).isEqualTo("c1,4477,10,0.02,");
        assertThat(rate(call, "--decimals", "0").lines()[1]).isEqualTo("c1,4477,10,0,");
    }

    @Test
    void writesToTheOutFileAndNothingToStandardOutput() throws IOException {
        Path out = dir.resolve("rated.csv");
        CommandRun run = rate("c1,2026-01-10T10:00:00Z,61,442012345678\n", "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readAllLines(out)).containsExactly("call_id,prefix,billed_s,cost,reason", "c1,44,120,0.040000,");
    }

    @Test
    void badCallsAreRefusedNamingFileLineAndFieldAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("rated.csv");
        CommandRun run = rate("""
                c1,2026-01-10T10:00:00Z,61,442012345678
                c2,2026-01-10T10:00:00,61,442012345678
                c3,2026-01-10T10:00:00Z,-5,442012345678
                ,2026-01-10T10:00:00Z,abc,442012345678
                """, "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("calls.csv:3: field 'start'")
                .contains("calls.csv:4: field 'duration_s'")
                .contains("calls.csv:5: field 'call_id'")
                .contains("calls.csv:5: field 'duration_s'");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("deck.csv", "calls.csv");
    }

    @Test
    void aBadDeckRowIsRefusedNamingLineAndField() throws IOException {
        Path deck = write("deck.csv", "prefix,rate,increments\n44,0.02,60/60\n447,abc,0/60\n");
        Path calls = write("calls.csv", "call_id,start,duration_s,number\nc1,2026-01-10T10:00:00Z,1,44\n");

        CommandRun run = CommandRun.of("rate", "--deck", deck.toString(), "--calls", calls.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("deck.csv:3: field 'rate'").contains("deck.csv:3: field 'increments'");
    }

    @Test
    void missingColumnsMissingFilesAndBadOptionsAreBadInput() throws IOException {
        Path deck = write("deck.csv", DECK);
        Path noNumber = write("calls.csv", "call_id,start,duration_s\nc1,2026-01-10T10:00:00Z,1\n");

        CommandRun missingColumn = CommandRun.of("rate", "--deck", deck.toString(), "--calls", noNumber.toString());
        assertThat(missingColumn.exitCode()).isEqualTo(2);
        assertThat(missingColumn.err()).contains("calls.csv:1: field 'number'");

        CommandRun missingFile = CommandRun.of("rate", "--deck", dir.resolve("nope.csv").toString(),
                "--calls", noNumber.toString());
        assertThat(missingFile.exitCode()).isEqualTo(2);
        assertThat(missingFile.err()).contains("nope.csv").contains("no such file");

        assertThat(CommandRun.of("rate", "--deck", deck.toString(), "--calls", noNumber.toString(),
                "--rounding", "HALF_EVEN").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("rate", "--deck", deck.toString(), "--calls", noNumber.toString(),
                "--decimals", "-1").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("rate", "--deck", deck.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void helpDescribesTheColumns() {
        CommandRun run = CommandRun.of("rate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--deck", "--calls", "--decimals", "--rounding", "--out",
                "call_id,prefix,billed_s,cost,reason");
    }
}
