package io.tollgate.ingest.cdr;

import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterJson;
import io.tollgate.ingest.deadletter.DeadLetterPublisher;
import io.tollgate.ingest.deadletter.DeadLetterTable;
import io.tollgate.ingest.deadletter.DeadLetters;
import io.tollgate.ingest.kafka.TopicAdmin;
import io.tollgate.ingest.kafka.TopicSpec;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the real stack: calls placed on Asterisk through ARI are written by its cdr_csv to Master.csv, which
 * imports with the asterisk-master preset into a fresh database; legs without a dialled number go to the
 * dead-letter (table and topic); a second import of the same file is recognised and writes nothing.
 */
class CdrImportStackIT {
    private final Properties credentials = new Properties();
    private String url;
    private String database;
    private ScratchDatabase scratch;

    @TempDir
    Path dir;

    @BeforeEach
    void freshDatabase() throws Exception {
        scratch = ScratchDatabase.migrated("it_");
        url = scratch.url();
        database = scratch.name();
        credentials.putAll(ScratchDatabase.credentials());
        credentials.setProperty("beta.row_binary_for_simple_insert", "true");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        scratch.close();
    }

    @Test
    void asterisksOwnMasterCsvImportsAndItsLegsWithoutNumberAreDeadLettered() throws Exception {
        Path master = LocalStack.stateDir().resolve("logs/asterisk-cdr-csv/Master.csv");
        long before = Files.exists(master) ? Files.size(master) : 0;
        String number = "2800505" + ThreadLocalRandom.current().nextInt(100, 1000);
        Instant started = Instant.now();
        String customerChannel;
        try (AsteriskCalls calls = new AsteriskCalls()) {
            customerChannel = calls.call(number);
        }
        Path file = dir.resolve("Master.csv");
        String written = awaitCdrs(master, before, customerChannel);
        Files.writeString(file, written, StandardCharsets.UTF_8);
        Files.writeString(LocalStack.checkout().resolve("ingest/target/captured-Master.csv"), written);

        String topic = "it.dead-letter." + UUID.randomUUID();
        String bootstrap = LocalStack.kafkaBootstrap();
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
            admin.create(List.of(new TopicSpec(topic, 1, (short) 1, Duration.ofHours(1), false)));
        }
        CdrImport.Request request = new CdrImport.Request("sw-local", file, new AsteriskMaster(), ZoneOffset.UTC,
                NumberNormalizer.plain(), false);
        CdrImport cdrImport = new CdrImport(request, ImportProgress.NONE, Clock.systemUTC());
        CdrImport.Check check = cdrImport.check();
        CdrImport.Result result;
        try (Connection db = connect(); DeadLetters letters = DeadLetters.all(List.of(new DeadLetterTable(db),
                DeadLetterPublisher.connect(bootstrap, topic)))) {
            result = cdrImport.write(check, new CarrierCdrTable(db), letters);
        }

        assertThat(result.imported()).isPositive();
        assertThat(result.imported() + result.refused()).isEqualTo(check.rows());
        try (Connection db = connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT call_id, a_number, duration_s, toUnixTimestamp64Milli(start_time),"
                     + " file_name, file_line FROM carrier_cdrs FINAL WHERE b_number = '" + number
                     + "' AND duration_s > 0")) {
            assertThat(rs.next()).as("an answered CDR to " + number).isTrue();
            assertThat(rs.getString(1)).isNotEmpty();
            assertThat(rs.getBigDecimal(3)).isBetween(new java.math.BigDecimal(4), new java.math.BigDecimal(6));
            Instant start = Instant.ofEpochMilli(rs.getLong(4));
            assertThat(start).isBetween(started.minusSeconds(2), Instant.now());
            assertThat(rs.getString(5)).isEqualTo("Master.csv");
            assertThat(rs.getLong(6)).isPositive();
        }
        if (result.refused() > 0) {
            List<DeadLetter> stored;
            try (Connection db = connect()) {
                stored = new DeadLetterTable(db).find(new DeadLetterTable.Query(null, null, result.importId(), null, 100));
            }
            assertThat(stored).hasSize((int) result.refused());
            assertThat(stored).allSatisfy(l -> {
                assertThat(l.origin().file()).isEqualTo("Master.csv");
                assertThat(written).contains(l.raw());
                assertThat(l.reason()).startsWith("field '");
            });
            assertThat(consume(bootstrap, topic, stored.size())).hasSize(stored.size());
        }

        try (Connection db = connect(); DeadLetters letters = new DeadLetterTable(db)) {
            CdrImport.Result again = cdrImport.write(cdrImport.check(), new CarrierCdrTable(db), letters);
            assertThat(again.previous()).isPresent();
            assertThat(count("SELECT count() FROM carrier_cdrs")).isEqualTo(result.imported());
            assertThat(count("SELECT count() FROM dead_letters")).isEqualTo(result.refused());
        }
    }

    @Test
    void aLargeGenericFileImportsQuicklyAndARerunAfterAFailureConverges() throws Exception {
        Path file = dir.resolve("big.csv");
        int rows = 200_000;
        CdrFiles.generic(file, rows, 1000);
        CdrImport.Request request = new CdrImport.Request("carrier-x", file,
                new GenericCsv(CdrMapping.identity(), java.util.Set.of()), ZoneOffset.UTC, NumberNormalizer.plain(), false);
        CdrImport cdrImport = new CdrImport(request, ImportProgress.NONE, Clock.systemUTC());
        CdrImport.Check check = cdrImport.check();
        assertThat(check.refused()).isEqualTo(rows / 1000);

        // a run that dies half-way (here: dead letters that cannot be stored) leaves nothing behind
        try (Connection db = connect()) {
            assertThatThrownBy(() -> cdrImport.write(check, new CarrierCdrTable(db), new FailingDeadLetters()))
                    .hasMessageContaining("cannot store");
        }
        assertThat(count("SELECT count() FROM carrier_cdrs")).isZero();

        try (Connection db = connect(); DeadLetters letters = new DeadLetterTable(db)) {
            CdrImport.Result result = cdrImport.write(check, new CarrierCdrTable(db), letters);
            assertThat(result.imported()).isEqualTo(rows - rows / 1000);
        }
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL")).isEqualTo(rows - rows / 1000);
        assertThat(count("SELECT count() FROM dead_letters FINAL")).isEqualTo(rows / 1000);
        assertThat(count("SELECT count() FROM carrier_cdrs WHERE start_time = toDateTime64('2026-03-01 00:00:01', 3, 'UTC')"
                + " AND file_row = 2 AND file_line = 3 AND b_number = '447911000001'")).isEqualTo(1);
    }

    /** Waits for Asterisk to write the CDRs of {@code channel}'s call; returns what it appended to Master.csv. */
    private static String awaitCdrs(Path master, long from, String channel) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String appended = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(master)) {
                try (RandomAccessFile f = new RandomAccessFile(master.toFile(), "r")) {
                    byte[] bytes = new byte[(int) (f.length() - from)];
                    f.seek(from);
                    f.readFully(bytes);
                    appended = new String(bytes, StandardCharsets.UTF_8);
                }
                // the customer leg's CDR is written when its bridge is gone, after the vendor leg's
                if (appended.contains("\"" + channel + "\"") && appended.endsWith("\n")) {
                    Thread.sleep(500);
                    return appended;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Asterisk wrote no CDR for channel " + channel + " to " + master + ":\n" + appended);
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url + "/" + database, credentials);
    }

    private long count(String sql) throws Exception {
        try (Connection db = connect(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<DeadLetter> consume(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(DeadLetterJson.decode(r.value()));
                }
            }
        }
        return letters;
    }

    /** A dead-letter store that is down. */
    private static final class FailingDeadLetters implements DeadLetters {
        @Override
        public void refuse(DeadLetter letter) throws io.tollgate.ingest.deadletter.DeadLetterException {
            throw new io.tollgate.ingest.deadletter.DeadLetterException("cannot store " + letter.origin(), null);
        }

        @Override
        public void flush() {
        }

        @Override
        public String describe() {
            return "nowhere";
        }

        @Override
        public void close() {
        }
    }
}
