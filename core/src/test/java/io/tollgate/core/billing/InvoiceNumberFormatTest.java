package io.tollgate.core.billing;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceNumberFormatTest {
    private static final LocalDate ISSUED = LocalDate.parse("2026-03-07");

    @Test
    void fillsTheDateAndPadsTheSequence() {
        InvoiceNumberFormat format = new InvoiceNumberFormat("INV-{yyyy}-{seq:05}");

        assertThat(format.format(ISSUED, 42)).isEqualTo("INV-2026-00042");
        assertThat(format.format(ISSUED, 123456)).isEqualTo("INV-2026-123456");
        assertThat(new InvoiceNumberFormat("{yy}{mm}/{seq}").format(ISSUED, 7)).isEqualTo("2603/7");
    }

    @Test
    void aSeriesIsPerYearWhenThePatternHasTheYear() {
        InvoiceNumberFormat format = new InvoiceNumberFormat("INV-{yyyy}-{seq:05}");

        assertThat(format.series(ISSUED)).isEqualTo(format.series(LocalDate.parse("2026-12-31")));
        assertThat(format.series(ISSUED)).isNotEqualTo(format.series(LocalDate.parse("2027-01-01")));
        assertThat(new InvoiceNumberFormat("CN{seq}").series(ISSUED))
                .isEqualTo(new InvoiceNumberFormat("CN{seq}").series(LocalDate.parse("2030-01-01")));
    }

    @Test
    void refusesPatternsWithoutExactlyOneSequenceOrWithUnknownTokens() {
        assertThatThrownBy(() -> new InvoiceNumberFormat("INV-{yyyy}")).hasMessageContaining("exactly one {seq}");
        assertThatThrownBy(() -> new InvoiceNumberFormat("{seq}-{seq}")).hasMessageContaining("exactly one {seq}");
        assertThatThrownBy(() -> new InvoiceNumberFormat("{dd}-{seq}")).hasMessageContaining("'{dd}'");
    }
}
