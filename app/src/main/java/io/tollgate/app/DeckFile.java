package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.InputProblem;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.rating.ColumnMapping;
import io.tollgate.core.rating.DeckImport;
import io.tollgate.core.rating.RateDeckCsv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * A deck file read once for everything an import needs: the rows (validated by {@link RateDeckCsv}, the one
 * validator), the SHA-256 of its bytes (a reimport of the same file is recognised by it), and its progress.
 */
record DeckFile(DeckImport deck, String digest) {

    static DeckFile read(Path file, ColumnMapping mapping, RateDeckCsv.BadRows badRows, LongConsumer bytesRead)
            throws BadInputException {
        MessageDigest sha256 = sha256();
        InputStream bytes;
        try {
            bytes = new DigestInputStream(new Counting(Files.newInputStream(file), bytesRead), sha256);
        } catch (NoSuchFileException e) {
            throw new BadInputException(new InputProblem(file.toString(), 0, "", "no such file"));
        } catch (IOException e) {
            throw new BadInputException(new InputProblem(file.toString(), 0, "", "cannot be opened: " + e.getMessage()));
        }
        try (CsvInput in = CsvInput.open(file, bytes, RateDeckCsv.REQUIRED, RateDeckCsv.COLUMNS, mapping.aliases())) {
            DeckImport deck = RateDeckCsv.read(in, Rounding.DEFAULT, badRows);
            // the parser has read to the end of the file, so the digest covers every byte
            return new DeckFile(deck, HexFormat.of().formatHex(sha256.digest()));
        }
    }

    /** The file's size in bytes, for a progress bar; 1 when it cannot be read (reading it says why). */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 1;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Reports the bytes read so far, for the progress line. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer read;
        private long count;

        Counting(InputStream in, LongConsumer read) {
            super(in);
            this.read = read;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                read.accept(count);
            }
            return n;
        }
    }
}
