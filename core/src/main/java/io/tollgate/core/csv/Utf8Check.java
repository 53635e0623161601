package io.tollgate.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the line of the first byte of a file that is not UTF-8. The JDK's readers decode ahead in blocks and
 * report a bad byte without its position, so the CSV parser's own line can be hundreds of lines early; this pass
 * runs only once a file has been refused, to tell the person exactly where to look.
 */
final class Utf8Check {
    private Utf8Check() {
    }

    /** The 1-based line of the first malformed byte, or 0 if the whole file decodes (or cannot be read). */
    static long firstBadLine(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            boolean eof = false;
            while (!eof) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                eof = n < 0;
                bytes.position(bytes.position() + Math.max(n, 0)).flip();
                int start = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, eof);
                line += newlines(bytes.array(), start, bytes.position());
                if (result.isError()) {
                    return line;
                }
                chars.clear();
                bytes.compact();
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static int newlines(byte[] bytes, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
