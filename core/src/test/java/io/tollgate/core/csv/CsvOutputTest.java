package io.tollgate.core.csv;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvOutputTest {
    private static final List<String> HEADER = List.of("call_id", "prefix", "cost", "reason");

    private static String write(String[]... rows) throws Exception {
        StringWriter out = new StringWriter();
        try (CsvOutput csv = CsvOutput.open(out, HEADER)) {
            for (String[] row : rows) {
                csv.row(row);
            }
        }
        return out.toString();
    }

    @Test
    void writesAHeaderThenRowsQuotingOnlyWhereNeeded() throws Exception {
        assertThat(write(new String[] {"c1", "44", "0.120000", ""})).isEqualTo("call_id,prefix,cost,reason\n"
                + "c1,44,0.120000,\n");
        assertThat(write()).isEqualTo("call_id,prefix,cost,reason\n");
    }

    @Test
    void fieldsWithCommasQuotesAndNewlinesReadBackUnchanged() throws Exception {
        String[] tricky = {"c,1", "say \"44\"", "line\nbreak", "crlf\r\nend"};
        String csv = write(tricky, new String[] {"c2", "", "", "no_rate"});
        List<String[]> back = new ArrayList<>();
        try (CsvInput in = CsvInput.open(new StringReader(csv), "out.csv", HEADER, HEADER)) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                back.add(r.values());
            }
        }
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).containsExactly(tricky);
        assertThat(back.get(1)).containsExactly("c2", "", "", "no_rate");
    }

    @Test
    void aNullValueIsAnEmptyFieldAndDoesNotShiftTheColumns() throws Exception {
        assertThat(write(new String[] {"c1", null, null, "no_rate"}, new String[] {null, "44", "0.1", null}))
                .isEqualTo("call_id,prefix,cost,reason\nc1,,,no_rate\n,44,0.1,\n");
    }

    @Test
    void formulasFromOutsideAreWrittenAsTextAndNumbersStayNumbers() throws Exception {
        String csv = write(new String[] {"=HYPERLINK(\"http://x\",\"pay\")", "@SUM(A1:A9)", "-0.017000", "+4930123"},
                new String[] {"-2+3", "+cmd|' /C calc'!A0", "\t=1", "call-7"});

        List<String[]> back = new ArrayList<>();
        try (CsvInput in = CsvInput.open(new StringReader(csv), "out.csv", HEADER, HEADER)) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                back.add(r.values());
            }
        }
        assertThat(back.get(0)).containsExactly("'=HYPERLINK(\"http://x\",\"pay\")", "'@SUM(A1:A9)", "-0.017000",
                "+4930123");
        assertThat(back.get(1)).containsExactly("'-2+3", "'+cmd|' /C calc'!A0", "'\t=1", "call-7");
    }
}
