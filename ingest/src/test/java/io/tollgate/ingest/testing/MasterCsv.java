package io.tollgate.ingest.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CDRs the local stack's Asterisk wrote with cdr_csv, so a test can check what the switch itself recorded
 * about the calls it placed (the reference our own call records and the reconciliation are compared against).
 * infra/asterisk/conf/cdr.conf sets {@code usegmtime}, {@code loguniqueid} and {@code loguserfield}: times are
 * UTC, and each row ends with the channel's unique id (an ARI channel id) and its user field.
 *
 * <p>Asterisk writes a CDR shortly after the channel is gone, not at hangup, so look rows up with a wait.
 */
public final class MasterCsv {
    /** Asterisk 22's cdr_csv columns in file order (no header line); the last two because of cdr.conf. */
    public static final List<String> COLUMNS = List.of("accountcode", "src", "dst", "dcontext", "clid", "channel",
            "dstchannel", "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec", "disposition",
            "amaflags", "uniqueid", "userfield");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = schema();

    private final Path file;

    /**
     * One CDR. {@code answer} is null for a call that was never answered; times have whole seconds, as cdr_csv
     * writes them. {@code duration} runs from start to end, {@code billsec} from answer to end.
     */
    public record Row(String accountcode, String src, String dst, String dcontext, String clid, String channel,
                      String dstchannel, String lastapp, String lastdata, Instant start, Instant answer, Instant end,
                      long duration, long billsec, String disposition, String amaflags, String uniqueid,
                      String userfield) {
    }

    private MasterCsv(Path file) {
        this.file = file;
    }

    /** The local stack's Master.csv, through the link infra/stack keeps beside its logs (the chroot may be elsewhere). */
    public static MasterCsv local() {
        return new MasterCsv(LocalStack.stateDir().resolve("logs/asterisk-cdr-csv/Master.csv"));
    }

    /** A Master.csv written with the stack's cdr.conf, e.g. a copy kept as a test resource. */
    public static MasterCsv of(Path file) {
        return new MasterCsv(file);
    }

    public Path file() {
        return file;
    }

    /** Every complete row in the file now, oldest first; none when Asterisk has written no CDR yet. */
    public List<Row> rows() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        // Asterisk may be half-way through a line: only what ends in a newline is a row yet.
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(SCHEMA)
                .readValues(new String(bytes, 0, end, StandardCharsets.UTF_8))) {
            while (it.hasNext()) {
                rows.add(row(it.next()));
            }
        }
        return rows;
    }

    /** The row of the channel with {@code uniqueId}, waiting up to 15 s for Asterisk to write it. */
    public Optional<Row> forUniqueId(String uniqueId) throws IOException, InterruptedException {
        return forUniqueId(uniqueId, WAIT);
    }

    /** The row of the channel with {@code uniqueId}, waiting up to {@code wait} for Asterisk to write it. */
    public Optional<Row> forUniqueId(String uniqueId, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Row> row = rows().stream().filter(r -> uniqueId.equals(r.uniqueid())).findFirst();
            if (row.isPresent() || System.nanoTime() >= deadline) {
                return row;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static Row row(Map<String, String> f) {
        return new Row(f.get("accountcode"), f.get("src"), f.get("dst"), f.get("dcontext"), f.get("clid"),
                f.get("channel"), f.get("dstchannel"), f.get("lastapp"), f.get("lastdata"), time(f.get("start")),
                time(f.get("answer")), time(f.get("end")), Long.parseLong(f.get("duration")),
                Long.parseLong(f.get("billsec")), f.get("disposition"), f.get("amaflags"), f.get("uniqueid"),
                f.get("userfield"));
    }

    private static Instant time(String utc) {
        return utc == null || utc.isEmpty() ? null : LocalDateTime.parse(utc, TIME).toInstant(ZoneOffset.UTC);
    }

    private static CsvSchema schema() {
        CsvSchema.Builder b = CsvSchema.builder();
        COLUMNS.forEach(b::addColumn);
        return b.build().withoutHeader();
    }
}
