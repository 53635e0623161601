package io.tollgate.core.csv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.Closeable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a CSV file that has a header row, in any column order, keeping the line each record started on.
 *
 * <p>Header names are matched case-insensitively. A header that lacks a required column, names an unknown column
 * (a typo such as {@code efective_from} would otherwise be ignored silently) or repeats one is refused outright.
 */
public final class CsvInput implements Closeable {
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final String source;
    private final JsonParser parser;
    private final Path file;
    private final Map<String, Integer> columns;
    private final List<String> header;

    private CsvInput(String source, JsonParser parser, Path file, List<String> header) {
        this.source = source;
        this.parser = parser;
        this.file = file;
        this.header = List.copyOf(header);
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byName.put(header.get(i), i);
        }
        this.columns = byName;
    }

    /**
     * Opens {@code reader} and checks its header.
     *
     * @param required columns that must be present
     * @param known    every column allowed (required ones included)
     * @throws BadInputException when the input is empty or the header is wrong
     */
    public static CsvInput open(Reader reader, String source, Collection<String> required, Collection<String> known)
            throws BadInputException {
        return open(reader, source, null, required, known, Map.of());
    }

    private static CsvInput open(Reader reader, String source, Path file, Collection<String> required,
                                 Collection<String> known, Map<String, String> aliases) throws BadInputException {
        try {
            JsonParser parser = FACTORY.createParser(reader);
            Row first = readRow(parser);
            if (first == null) {
                throw new BadInputException(new InputProblem(source, 0, "", "is empty; a header row is required: "
                        + String.join(",", known)));
            }
            List<String> header = new ArrayList<>();
            for (String name : first.values()) {
                String plain = name == null ? "" : name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
                header.add(aliases.getOrDefault(plain, plain));
            }
            checkHeader(source, header, required, known);
            return new CsvInput(source, parser, file, header);
        } catch (CharacterCodingException e) {
            closeQuietly(reader);
            throw notUtf8(source, file, 1);
        } catch (IOException e) {
            closeQuietly(reader);
            throw new BadInputException(new InputProblem(source, 0, "", "cannot be read as CSV: " + e.getMessage()));
        } catch (BadInputException e) {
            closeQuietly(reader);
            throw e;
        }
    }

    /** Opens a UTF-8 file (strictly decoded: a file in another encoding is refused, not mangled). */
    public static CsvInput open(Path file, Collection<String> required, Collection<String> known)
            throws BadInputException {
        return open(file, null, required, known, Map.of());
    }

    /**
     * Opens {@code file}, read through {@code in} (the caller's stream over the same bytes, e.g. one that digests
     * them or counts them for a progress line; null to open the file here), with header names renamed by
     * {@code aliases} (lower-case name as written to a column of {@code known}) before the header is checked, so
     * that a vendor's {@code code,price} sheet is checked as {@code prefix,rate} and every row problem names the
     * canonical field.
     */
    public static CsvInput open(Path file, InputStream in, Collection<String> required, Collection<String> known,
                                Map<String, String> aliases) throws BadInputException {
        String source = file.toString();
        try {
            InputStream bytes = in != null ? in : Files.newInputStream(file);
            // a fresh decoder reports malformed input instead of replacing it, as Files.newBufferedReader does
            Reader reader = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()));
            return open(reader, source, file, required, known, aliases);
        } catch (NoSuchFileException e) {
            throw new BadInputException(new InputProblem(source, 0, "", "no such file"));
        } catch (IOException e) {
            throw new BadInputException(new InputProblem(source, 0, "", "cannot be opened: " + e.getMessage()));
        }
    }

    /** The next data row, or null at the end. */
    public CsvRecord next() throws BadInputException {
        try {
            Row row = readRow(parser);
            if (row == null) {
                return null;
            }
            return new CsvRecord(source, row.line(), columns, header.size(), row.values());
        } catch (CharacterCodingException e) {
            throw notUtf8(source, file, parser.currentLocation().getLineNr());
        } catch (IOException e) {
            throw new BadInputException(new InputProblem(source, parser.currentLocation().getLineNr(), "",
                    "is not valid CSV: " + e.getMessage()));
        }
    }

    public List<String> header() {
        return header;
    }

    public String source() {
        return source;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(long line, String[] values) {
    }

    /** @param near where the parser was; used only when the input is not a file that can be scanned again */
    private static BadInputException notUtf8(String source, Path file, long near) {
        long line = file == null ? near : Utf8Check.firstBadLine(file);
        return new BadInputException(new InputProblem(source, line, "",
                "is not UTF-8 text (a byte that is not UTF-8 on this line); save the file as UTF-8 and retry"));
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // already failing with a better message
        }
    }

    /** Reads one record and the line it starts on (a quoted field may span lines). */
    private static Row readRow(JsonParser parser) throws IOException {
        JsonToken start = parser.nextToken();
        if (start == null) {
            return null;
        }
        long line = -1;
        List<String> values = new ArrayList<>(12);
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
            if (line < 0) {
                // a row's START_ARRAY is located where the previous row ended; its first value is where it starts
                line = parser.currentTokenLocation().getLineNr();
            }
            values.add(parser.getText());
        }
        if (line < 0) {
            line = parser.currentTokenLocation().getLineNr();
        }
        return new Row(line, values.toArray(new String[0]));
    }

    private static void checkHeader(String source, List<String> header, Collection<String> required,
                                    Collection<String> known) throws BadInputException {
        List<InputProblem> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                problems.add(new InputProblem(source, 1, "", "column " + (i + 1)
                        + " of the header has no name (a trailing comma?)"));
            } else if (!seen.add(name)) {
                problems.add(new InputProblem(source, 1, name, "column appears twice in the header"));
            } else if (!known.contains(name)) {
                problems.add(new InputProblem(source, 1, name, "unknown column; the columns are "
                        + String.join(",", known)));
            }
        }
        for (String name : required) {
            if (!seen.contains(name)) {
                problems.add(new InputProblem(source, 1, name, "required column is missing from the header"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }
}
