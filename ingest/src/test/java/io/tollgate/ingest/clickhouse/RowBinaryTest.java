package io.tollgate.ingest.clickhouse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RowBinary codec against the bytes ClickHouse documents, and values written then read back. */
class RowBinaryTest {

    @Test
    void writesTheDocumentedBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowBinary.Out out = new RowBinary.Out(bytes);
        out.string("ab");
        out.uint16(0x0102);
        out.uint32(1);
        out.int64(-2);
        out.isNull(true);
        out.decimal64(new BigDecimal("1.5"), 6);      // 1500000
        out.decimal128(new BigDecimal("-1"), 12);     // -10^12 in 16 bytes
        out.uuid(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"));
        out.strings(List.of("x"));
        out.flush();

        assertThat(HexFormat.of().formatHex(bytes.toByteArray())).isEqualTo("026162" + "0201" + "01000000"
                + "feffffffffffffff" + "01" + "60e3160000000000" + "00f05a2b17ffffff" + "ffffffffffffffff"
                + "7766554433221100" + "ffeeddccbbaa9988" + "01" + "0178");
    }

    @Test
    void readsBackWhatItWrites() throws IOException {
        String longText = "é".repeat(70_000);   // longer than both buffers, with a length of three LEB128 bytes
        BigDecimal huge = new BigDecimal("-12345678901234567890.123456789012");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowBinary.Out out = new RowBinary.Out(bytes);
        for (int i = 0; i < 3_000; i++) {
            out.string("call-" + i);
            out.int64(Long.MIN_VALUE + i);
            out.uint32(4_000_000_000L - i);
            out.decimal64(new BigDecimal("0.0000005"), 6);  // half up: 0.000001
            out.decimal128(huge, 12);
            out.uint16(65_535);
        }
        out.string(longText);
        out.flush();

        // a stream that hands out a few bytes at a time, so values straddle every refill
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        try (RowBinary.In in = new RowBinary.In(trickle)) {
            for (int i = 0; i < 3_000; i++) {
                assertThat(in.string()).isEqualTo("call-" + i);
                assertThat(in.int64()).isEqualTo(Long.MIN_VALUE + i);
                assertThat(in.uint32()).isEqualTo(4_000_000_000L - i);
                assertThat(in.decimal64(6)).isEqualByComparingTo("0.000001");
                assertThat(in.decimal128(12)).isEqualByComparingTo(huge);
                assertThat(in.uint16()).isEqualTo(65_535);
            }
            assertThat(in.string()).isEqualTo(longText);
            assertThat(in.more()).isFalse();
        }
    }

    @Test
    void aHeaderOfOtherTypesIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RowBinary.Out out = new RowBinary.Out(bytes);
        out.strings(List.of("call_id", "margin"));   // the column count, then the names...
        out.string("String");                         // ...then the types
        out.string("Decimal(18, 4)");
        out.flush();

        RowBinary.In in = new RowBinary.In(new ByteArrayInputStream(bytes.toByteArray()));

        assertThatThrownBy(() -> in.expectTypes(List.of("String", "Decimal(18, 6)")))
                .hasMessageContaining("[call_id, margin]").hasMessageContaining("Decimal(18, 4)");
    }
}
