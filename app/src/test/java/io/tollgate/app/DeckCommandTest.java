package io.tollgate.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The deck command's bad input, refused before any service is contacted (the addresses here answer nothing). */
class DeckCommandTest {
    private static final String NOWHERE_CH = "jdbc:clickhouse://127.0.0.1:1";
    private static final String NOWHERE_KAFKA = "127.0.0.1:1";

    @TempDir
    Path dir;

    private Path deck(String text) throws IOException {
        return Files.writeString(dir.resolve("deck.csv"), text, StandardCharsets.UTF_8);
    }

    private CommandRun importDeck(Path file, String... extra) {
        String[] args = {"deck", "import", "--owner", "vendor:carrier-b", "--file", file.toString(), "--url", NOWHERE_CH,
            "--bootstrap", NOWHERE_KAFKA};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CommandRun.of(all);
    }

    @Test
    void aDeckWithBadRowsIsRefusedAsAWholeNamingEveryBadRow() throws IOException {
        CommandRun run = importDeck(deck("prefix,rate,increments\n44,0.02,60/60\n4x,0.03,60/60\n33,-1,60/60\n"
                + "34,0.01,60\n"));

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("deck.csv:3: field 'prefix'", "deck.csv:4: field 'rate'",
                "deck.csv:5: field 'increments'");
        assertThat(run.out()).doesNotContain("stored");
    }

    @Test
    void withQuarantineTheBadRowsGoToAFileWithTheirLineAndReason() throws IOException {
        Path file = deck("prefix,rate\n44,0.02\n4x,0.03\n33,0.01\n");

        CommandRun run = importDeck(file, "--quarantine", "--check");

        Path quarantine = dir.resolve("deck.quarantine.csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("quarantined 1 bad rows (lines 3) to " + quarantine)
                .contains("2 rows valid, 1 quarantined").contains("nothing stored (--check)");
        assertThat(Files.readAllLines(quarantine)).containsExactly("line,field,reason,prefix,rate",
                "3,prefix,\"'4x' is not a digit prefix\",4x,0.03");
    }

    @Test
    void aDeckWhoseEveryRowIsQuarantinedIsRefused() throws IOException {
        CommandRun run = importDeck(deck("prefix,rate\n4x,0.02\n"), "--quarantine");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains("has no good row");
    }

    @Test
    void aVendorSheetIsCheckedThroughTheMapping() throws IOException {
        CommandRun run = importDeck(deck("Dial Code,Price,Billing\n44,0.02,1/1\n"), "--map", "common", "--check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 rows valid, 0 quarantined, sha256 ");
    }

    @Test
    void badOptionsAreNamed() throws IOException {
        Path file = deck("prefix,rate\n44,0.02\n");

        assertThat(CommandRun.of("deck", "import", "--owner", "partner:x", "--file", file.toString()).err())
                .contains("field '--owner'");
        assertThat(importDeck(file, "--effective", "tomorrow").err()).contains("field '--effective'");
        assertThat(importDeck(file, "--map", "cost=price").err()).contains("field '--map'");
        assertThat(importDeck(dir.resolve("missing.csv")).err()).contains("missing.csv: no such file");
        assertThat(CommandRun.of("deck", "list", "vendor").exitCode()).isEqualTo(Tollgate.BAD_INPUT);
    }
}
