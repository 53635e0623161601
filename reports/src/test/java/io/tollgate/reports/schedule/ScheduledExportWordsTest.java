package io.tollgate.reports.schedule;

import io.tollgate.ingest.config.ScheduledExport;
import io.tollgate.reports.export.ExportFormat;
import io.tollgate.reports.export.MarginExport;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every word tollgate.yaml's {@code exports:} accepts is one the reports side understands, and no more. */
class ScheduledExportWordsTest {
    @Test
    void rangesFormatsAndGroupingsMatch() {
        assertThat(ScheduledExport.RANGES).map(PreviousPeriod::named).containsExactly(PreviousPeriod.values());
        assertThat(ScheduledExport.FORMATS).containsExactlyElementsOf(
                Arrays.stream(ExportFormat.values()).map(ExportFormat::extension).toList());
        assertThat(ScheduledExport.BY).containsExactlyElementsOf(
                Arrays.stream(MarginExport.By.values()).map(MarginExport.By::label).toList());
        assertThat(ScheduledExport.BY).allSatisfy(by -> MarginExport.By.valueOf(by.toUpperCase(Locale.ROOT)));
    }
}
