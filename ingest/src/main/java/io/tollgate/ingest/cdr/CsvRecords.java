package io.tollgate.ingest.cdr;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams the records of a CSV file (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks),
 * each with the line it starts on and its exact text, while computing the file's SHA-256.
 *
 * <p>Memory stays flat whatever the file's size: one record at a time, and a record longer than
 * {@link #MAX_RECORD_BYTES} refuses the file (a binary file or a quote never closed would otherwise be read whole).
 * Lines are split on bytes before decoding, which UTF-8 allows since a newline byte is never part of another
 * character; so a byte that is not UTF-8 is reported on its exact line.
 */
public final class CsvRecords implements Closeable {
    public static final int MAX_RECORD_BYTES = 1 << 20;
    private static final int BUFFER = 1 << 16;

    private final String source;
    private final InputStream in;
    private final MessageDigest digest;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER];
    private int start;
    private int end;
    private boolean eof;
    private long bytesRead;
    private long lineNo;
    private byte[] lineBytes = new byte[1024];

    private CsvRecords(String source, InputStream in) {
        this.source = source;
        this.in = in;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static CsvRecords open(Path file) throws BadInputException {
        String source = file.toString();
        try {
            return new CsvRecords(source, Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(new InputProblem(file.toString(), 0, "", "no such file"));
        } catch (IOException e) {
            throw new BadInputException(new InputProblem(file.toString(), 0, "", "cannot be opened: " + e.getMessage()));
        }
    }

    /** For tests: records of {@code in}, named {@code source} in messages. */
    static CsvRecords of(String source, InputStream in) {
        return new CsvRecords(source, in);
    }

    /** The next record, or null at the end of the file. Blank lines between records are skipped. */
    public RawRecord next() throws BadInputException, IOException {
        String line;
        do {
            line = nextLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        long first = lineNo;
        StringBuilder raw = new StringBuilder(line);
        List<String> fields = new ArrayList<>(20);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        String text = line;
        while (true) {
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (!quoted) {
                break;
            }
            // a quoted field goes on to the next line; the line break is part of the value
            String more = nextLine();
            if (more == null) {
                throw problem(first, "a quoted field opened on this line is never closed");
            }
            if (raw.length() + more.length() > MAX_RECORD_BYTES) {
                throw problem(first, "a quoted field opened on this line runs on for more than "
                        + MAX_RECORD_BYTES / 1024 + " KiB; is a closing quote missing?");
            }
            field.append('\n');
            raw.append('\n').append(more);
            text = more;
            i = 0;
        }
        fields.add(field.toString());
        return new RawRecord(first, raw.toString(), fields);
    }

    /** The SHA-256 of the bytes read so far; of the whole file once {@link #next()} returned null. */
    public String digest() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public long bytesRead() {
        return bytesRead;
    }

    public String source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The next line without its terminator (LF or CRLF), strictly decoded, or null at the end. */
    private String nextLine() throws BadInputException, IOException {
        int length = 0;
        while (true) {
            if (start == end) {
                if (!fill()) {
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
            }
            int nl = -1;
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int stop = nl < 0 ? end : nl;
            int chunk = stop - start;
            if (length + chunk > MAX_RECORD_BYTES) {
                throw problem(lineNo + 1, "the line is longer than " + MAX_RECORD_BYTES / 1024
                        + " KiB; this is not a CDR file (or it has no line breaks)");
            }
            if (length + chunk > lineBytes.length) {
                lineBytes = Arrays.copyOf(lineBytes, Math.max(lineBytes.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, lineBytes, length, chunk);
            length += chunk;
            start = stop;
            if (nl >= 0) {
                start++;
                break;
            }
        }
        lineNo++;
        if (length > 0 && lineBytes[length - 1] == '\r') {
            length--;
        }
        int offset = lineNo == 1 && length >= 3 && (lineBytes[0] & 0xff) == 0xEF && (lineBytes[1] & 0xff) == 0xBB
                && (lineBytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return utf8.decode(ByteBuffer.wrap(lineBytes, offset, length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw problem(lineNo, "is not UTF-8 text (a byte that is not UTF-8 on this line); "
                    + "save the file as UTF-8 and retry");
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        digest.update(buffer, 0, n);
        bytesRead += n;
        start = 0;
        end = n;
        return true;
    }

    private BadInputException problem(long line, String message) {
        return new BadInputException(new InputProblem(source, line, "", message));
    }

}
