package io.tollgate.ingest.cdr;

import io.tollgate.core.numbers.NumberNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The asterisk-master preset on a real Master.csv captured from the local stack's Asterisk 22 (cdr_csv). */
class AsteriskMasterTest {
    @TempDir
    Path dir;

    private Path fixture() throws Exception {
        Path file = dir.resolve("Master.csv");
        try (var in = getClass().getResourceAsStream("/cdr/asterisk-Master.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static List<Object> scan(Path file, ZoneId zone) throws Exception {
        List<Object> seen = new ArrayList<>();
        CdrScan.run(file, new AsteriskMaster(), new CdrFields(NumberNormalizer.plain(), zone), "test", ImportProgress.NONE,
                new CdrScan.Visitor() {
                    @Override
                    public void accepted(long row, CarrierCdr cdr) {
                        seen.add(cdr);
                    }

                    @Override
                    public void refused(long row, RawRecord record, RowRefused why) {
                        seen.add(why.reason());
                    }
                });
        return seen;
    }

    @Test
    void theCustomerLegImportsWithItsDialledNumberBillsecAndUniqueid() throws Exception {
        List<Object> rows = scan(fixture(), ZoneOffset.UTC);

        assertThat(rows).hasSize(4);
        CarrierCdr cdr = (CarrierCdr) rows.get(3);
        assertThat(cdr.bNumber()).isEqualTo("2800505482");
        assertThat(cdr.aNumber()).isEmpty();
        assertThat(cdr.callId()).isEqualTo("1795697858.1");
        assertThat(cdr.start()).isEqualTo(Instant.parse("2026-11-26T12:57:38Z"));
        assertThat(cdr.durationS()).isEqualByComparingTo("5");
        assertThat(cdr.line()).isEqualTo(4);
    }

    @Test
    void legsWhoseDstIsADialplanExtensionAreRefusedNamingTheField() throws Exception {
        List<Object> rows = scan(fixture(), ZoneOffset.UTC);

        assertThat(rows.subList(0, 3)).allSatisfy(r -> assertThat((String) r).startsWith("field 'dst': "));
    }

    @Test
    void timesAreReadInTheSwitchsZone() throws Exception {
        CarrierCdr cdr = (CarrierCdr) scan(fixture(), ZoneId.of("Europe/Berlin")).get(3);

        assertThat(cdr.start()).isEqualTo(Instant.parse("2026-11-26T11:57:38Z"));
    }

    @Test
    void aRecordWithTheWrongNumberOfFieldsOrABadBillsecIsRefused() throws Exception {
        Path file = dir.resolve("Master.csv");
        Files.writeString(file, "\"\",\"1\",\"2\"\n"
                + "\"\",\"\",\"442071234567\",\"c\",\"\",\"ch\",\"\",\"Dial\",\"\",\"2026-01-01 00:00:00\",,"
                + "\"2026-01-01 00:00:09\",9,x9,\"ANSWERED\",\"DOCUMENTATION\"\n");

        List<Object> rows = scan(file, ZoneOffset.UTC);

        assertThat(rows).containsExactly("has 3 fields; an Asterisk Master.csv record has 16 to 18",
                "field 'billsec': 'x9' is not a whole number of seconds");
    }

    @Test
    void everyRowRefusedRefusesTheFile() throws Exception {
        Path file = dir.resolve("deck.csv");
        Files.writeString(file, "prefix,rate\n44,0.01\n");
        CdrImport.Request request = new CdrImport.Request("v", file, new AsteriskMaster(), ZoneOffset.UTC,
                NumberNormalizer.plain(), false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CdrImport(request, ImportProgress.NONE,
                        Clock.systemUTC()).check())
                .hasMessageContaining("every one of its 2 rows is refused");
    }
}
