package io.tollgate.ingest.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows as the local stack's Asterisk 22 wrote them (cdr.conf: usegmtime, loguniqueid, loguserfield). */
class MasterCsvTest {
    private static final String ANSWERED = "\"\",\"442071234567\",\"28005121998\",\"from-customer\","
            + "\"\"\"\"\" <442071234567>\",\"PJSIP/customer-00000025\",\"\",\"Stasis\",\"tollgate,28005121998\","
            + "\"2026-11-26 14:27:30\",\"2026-11-26 14:27:30\",\"2026-11-26 14:27:32\",1,1,\"ANSWERED\","
            + "\"DOCUMENTATION\",\"1795703250.37\",\"\"\n";
    private static final String BUSY = "\"\",\"anonymous\",\"2800513280884\",\"from-customer\","
            + "\"\"\"Anonymous\"\" <anonymous>\",\"PJSIP/customer-0000003f\",\"\",\"Stasis\",\"tollgate,2800513280884\","
            + "\"2026-11-26 14:28:00\",,\"2026-11-26 14:28:00\",0,0,\"BUSY\",\"DOCUMENTATION\",\"1795703280.67\",\"\"\n";

    @TempDir
    Path dir;

    @Test
    void readsEveryColumnWithUtcTimesAndNoAnswerTimeForAnUnansweredCall() throws Exception {
        Path file = dir.resolve("Master.csv");
        Files.writeString(file, ANSWERED + BUSY);

        var rows = MasterCsv.of(file).rows();

        assertThat(rows).hasSize(2);
        MasterCsv.Row answered = rows.get(0);
        assertThat(answered.src()).isEqualTo("442071234567");
        assertThat(answered.dst()).isEqualTo("28005121998");
        assertThat(answered.clid()).isEqualTo("\"\" <442071234567>");
        assertThat(answered.channel()).isEqualTo("PJSIP/customer-00000025");
        assertThat(answered.dstchannel()).isEmpty();
        assertThat(answered.lastdata()).isEqualTo("tollgate,28005121998");
        assertThat(answered.start()).isEqualTo(Instant.parse("2026-11-26T14:27:30Z"));
        assertThat(answered.answer()).isEqualTo(Instant.parse("2026-11-26T14:27:30Z"));
        assertThat(answered.end()).isEqualTo(Instant.parse("2026-11-26T14:27:32Z"));
        assertThat(answered.duration()).isEqualTo(1);
        assertThat(answered.billsec()).isEqualTo(1);
        assertThat(answered.disposition()).isEqualTo("ANSWERED");
        assertThat(answered.amaflags()).isEqualTo("DOCUMENTATION");
        assertThat(answered.uniqueid()).isEqualTo("1795703250.37");
        assertThat(answered.userfield()).isEmpty();
        MasterCsv.Row busy = rows.get(1);
        assertThat(busy.clid()).isEqualTo("\"Anonymous\" <anonymous>");
        assertThat(busy.answer()).isNull();
        assertThat(busy.disposition()).isEqualTo("BUSY");
    }

    @Test
    void aLineAsteriskIsStillWritingIsNotARowYet() throws Exception {
        Path file = dir.resolve("Master.csv");
        Files.writeString(file, ANSWERED + BUSY.substring(0, 60));

        assertThat(MasterCsv.of(file).rows()).extracting(MasterCsv.Row::uniqueid).containsExactly("1795703250.37");
        assertThat(MasterCsv.of(file).forUniqueId("1795703280.67", Duration.ZERO)).isEmpty();

        Files.writeString(file, ANSWERED + BUSY);
        assertThat(MasterCsv.of(file).forUniqueId("1795703280.67", Duration.ZERO)).isPresent();
    }

    @Test
    void noFileYetIsNoRows() throws Exception {
        assertThat(MasterCsv.of(dir.resolve("Master.csv")).rows()).isEmpty();
    }
}
