package io.tollgate.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.jdbc.ConnectionImpl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * ClickHouse's RowBinary format, read and written by hand for the tables that move millions of rows (re-rating):
 * the JDBC driver's result sets and batch inserts box every value and look columns up by name, at several times the
 * CPU per row (measured: 33 µs a re-rated row through JDBC). Little-endian numbers, LEB128 lengths; a
 * {@code LowCardinality(String)} is a String, a {@code DateTime64(3)} an Int64 of milliseconds, a {@code Decimal} its
 * unscaled integer of 8 (precision up to 18) or 16 bytes.
 */
public final class RowBinary {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private RowBinary() {
    }

    /** The client under a JDBC connection of the ClickHouse driver (jdbc-v2), for queries and inserts in RowBinary. */
    public static Client client(Connection c) throws SQLException {
        return c.unwrap(ConnectionImpl.class).getClient();
    }

    /** Reads RowBinary values in the order the query's columns give them. */
    public static final class In implements AutoCloseable {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] text = new byte[256];

        public In(InputStream in) {
            this.in = in;
        }

        /** Whether another value follows; false at the end of the stream. */
        public boolean more() throws IOException {
            return position < limit || fill() > 0;
        }

        /**
         * The header of {@code RowBinaryWithNamesAndTypes}: refuses a result whose column types are not
         * {@code types}, so a changed schema fails loudly instead of being misread.
         */
        public void expectTypes(List<String> types) throws IOException {
            int columns = (int) varint();
            List<String> names = new ArrayList<>(columns);
            for (int i = 0; i < columns; i++) {
                names.add(string());
            }
            List<String> actual = new ArrayList<>(columns);
            for (int i = 0; i < columns; i++) {
                actual.add(string());
            }
            if (!actual.equals(types)) {
                throw new IOException("columns " + names + " have types " + actual + ", not the expected " + types);
            }
        }

        public String string() throws IOException {
            int length = (int) varint();
            if (length <= limit - position) {
                String s = new String(buffer, position, length, StandardCharsets.UTF_8);
                position += length;
                return s;
            }
            if (text.length < length) {
                text = new byte[Math.max(length, text.length * 2)];
            }
            for (int done = 0; done < length; ) {
                ensure(1);
                int n = Math.min(length - done, limit - position);
                System.arraycopy(buffer, position, text, done, n);
                position += n;
                done += n;
            }
            return new String(text, 0, length, StandardCharsets.UTF_8);
        }

        public long int64() throws IOException {
            ensure(8);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (buffer[position + i] & 0xFF);
            }
            position += 8;
            return v;
        }

        public long uint32() throws IOException {
            ensure(4);
            int v = (buffer[position] & 0xFF) | (buffer[position + 1] & 0xFF) << 8
                    | (buffer[position + 2] & 0xFF) << 16 | (buffer[position + 3] & 0xFF) << 24;
            position += 4;
            return Integer.toUnsignedLong(v);
        }

        public int uint16() throws IOException {
            ensure(2);
            int v = (buffer[position] & 0xFF) | (buffer[position + 1] & 0xFF) << 8;
            position += 2;
            return v;
        }

        /** A Decimal of precision up to 18: an Int64. */
        public BigDecimal decimal64(int scale) throws IOException {
            return BigDecimal.valueOf(int64(), scale);
        }

        /** A Decimal of precision 19 to 38: an Int128. */
        public BigDecimal decimal128(int scale) throws IOException {
            long low = int64();
            long high = int64();
            if (high == (low >> 63)) {
                return BigDecimal.valueOf(low, scale);
            }
            byte[] bigEndian = new byte[16];
            for (int i = 0; i < 8; i++) {
                bigEndian[i] = (byte) (high >>> (56 - 8 * i));
                bigEndian[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
            return new BigDecimal(new BigInteger(bigEndian), scale);
        }

        private long varint() throws IOException {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                ensure(1);
                int b = buffer[position++] & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        private void ensure(int bytes) throws IOException {
            while (limit - position < bytes) {
                if (fill() < 0) {
                    throw new EOFException("the result ended inside a value");
                }
            }
        }

        /** Keeps what is unread, reads more after it; the count read, -1 at the end. */
        private int fill() throws IOException {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n > 0) {
                limit += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes RowBinary values in the order of the insert's columns; {@link #flush} at the end. */
    public static final class Out {
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int position;

        public Out(OutputStream out) {
            this.out = out;
        }

        public void string(String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            if (bytes.length > buffer.length - position) {
                flush();
                if (bytes.length > buffer.length) {
                    out.write(bytes);
                    return;
                }
            }
            System.arraycopy(bytes, 0, buffer, position, bytes.length);
            position += bytes.length;
        }

        public void strings(List<String> values) throws IOException {
            varint(values.size());
            for (String s : values) {
                string(s);
            }
        }

        public void int64(long v) throws IOException {
            room(8);
            for (int i = 0; i < 8; i++) {
                buffer[position++] = (byte) (v >>> (8 * i));
            }
        }

        public void uint32(long v) throws IOException {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IOException(v + " is not a UInt32");
            }
            room(4);
            for (int i = 0; i < 4; i++) {
                buffer[position++] = (byte) (v >>> (8 * i));
            }
        }

        public void uint16(int v) throws IOException {
            if (v < 0 || v > 0xFFFF) {
                throw new IOException(v + " is not a UInt16");
            }
            room(2);
            buffer[position++] = (byte) v;
            buffer[position++] = (byte) (v >>> 8);
        }

        public void uint8(int v) throws IOException {
            if (v < 0 || v > 0xFF) {
                throw new IOException(v + " is not a UInt8");
            }
            room(1);
            buffer[position++] = (byte) v;
        }

        /** A {@code Nullable(...)}'s flag: 1 for NULL (nothing follows), else 0 and the value. */
        public void isNull(boolean isNull) throws IOException {
            uint8(isNull ? 1 : 0);
        }

        /** A Decimal of precision up to 18, rounded half up to its scale. */
        public void decimal64(BigDecimal value, int scale) throws IOException {
            // at scale 0, longValueExact reads BigDecimal's compact long: no BigInteger per value
            int64(value.setScale(scale, RoundingMode.HALF_UP).scaleByPowerOfTen(scale).longValueExact());
        }

        /** A Decimal of precision 19 to 38, rounded half up to its scale. */
        public void decimal128(BigDecimal value, int scale) throws IOException {
            BigInteger unscaled = unscaled(value, scale);
            if (unscaled.compareTo(LONG_MIN) >= 0 && unscaled.compareTo(LONG_MAX) <= 0) {
                long v = unscaled.longValue();
                int64(v);
                int64(v >> 63);
                return;
            }
            int64(unscaled.longValue());
            int64(unscaled.shiftRight(64).longValueExact());
        }

        /** A UUID: its high 64 bits, then its low 64 bits, each little-endian. */
        public void uuid(UUID id) throws IOException {
            int64(id.getMostSignificantBits());
            int64(id.getLeastSignificantBits());
        }

        public void flush() throws IOException {
            out.write(buffer, 0, position);
            position = 0;
        }

        private static BigInteger unscaled(BigDecimal value, int scale) {
            return value.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
        }

        private void varint(long v) throws IOException {
            room(10);
            while ((v & ~0x7FL) != 0) {
                buffer[position++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buffer[position++] = (byte) v;
        }

        private void room(int bytes) throws IOException {
            if (buffer.length - position < bytes) {
                flush();
            }
        }
    }
}
