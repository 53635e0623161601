package io.tollgate.app;

import io.tollgate.ingest.deadletter.DeadLetter;
import io.tollgate.ingest.deadletter.DeadLetterJson;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate cdr import} and {@code tollgate deadletter} against the real ClickHouse and Kafka of infra/stack.
 * Each test migrates a database of its own with {@code tollgate db migrate}, and names its CDR file uniquely, so
 * its letters on the shared {@code tollgate.dead-letter} topic are told apart by their key (the file name).
 */
class CdrCommandIT {
    private static final String HEADER = "call_id,a_number,b_number,start,duration_s,cost,currency\n";
    /** 5 rows; the 2nd (line 3) has a national-format B-number, the 4th (line 5) a negative duration. */
    private static final String TWO_BAD = HEADER
            + "c1,+44 20 7000 0001,+44 7911 000001,2026-03-01T00:00:01Z,61.5,0.012345,EUR\n"
            + "c2,+44 20 7000 0002,07911 000002,2026-03-01T00:00:02Z,12,0.1,EUR\n"
            + "c3,anonymous,0044 7911 000003,2026-03-01 00:00:03,0,,\n"
            + "c4,,+44 7911 000004,2026-03-01T00:00:04Z,-5,0.1,EUR\n"
            + "c5,,+1 212 555 0105,2026-03-01T01:00:05+01:00,30,0.2,USD\n";

    private static String bootstrap;
    private static String url;

    @TempDir
    Path dir;

    private String database;
    private String vendor;
    private String fileName;

    @BeforeAll
    static void deadLetterTopic() throws Exception {
        bootstrap = LocalStack.kafkaBootstrap();
        url = LocalStack.clickhouseUrl();
        ScratchStack.ensureTopic(bootstrap, Topics.DEAD_LETTER);
    }

    @BeforeEach
    void freshDatabase() {
        String unique = UUID.randomUUID().toString().replace("-", "");
        database = ScratchStack.migratedDatabase(url, "it_cdr_");
        vendor = "it-carrier-" + unique.substring(0, 8);
        fileName = "cdrs-" + unique.substring(0, 12) + ".csv";
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    @Test
    void importsTheGoodRowsDeadLettersTheBadOnesAndARerunWritesNothing() throws Exception {
        Path file = write(fileName, TWO_BAD);

        CommandRun run;
        List<DeadLetter> published;
        try (TopicTail tail = new TopicTail(Topics.DEAD_LETTER)) {
            run = importCdrs(file);
            published = tail.await(fileName, 2);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("imported 3 of 5 rows", "refused 2 rows")
                .contains("dead_letters", Topics.DEAD_LETTER)
                .contains(file + ":3: field 'b_number'", file + ":5: field 'duration_s'");
        String importId = importId(run.out());
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL")).isEqualTo(3);
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL WHERE import_id = '" + importId
                + "' AND file_name = '" + fileName + "' AND carrier_id = '" + vendor + "'")).isEqualTo(3);
        // the rows keep their line; times without offset are read in UTC, with one are converted
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL WHERE file_line = 4 AND b_number = '447911000003'"
                + " AND a_number = '' AND start_time = toDateTime64('2026-03-01 00:00:03', 3, 'UTC')")).isEqualTo(1);
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL WHERE file_line = 6 AND b_number = '12125550105'"
                + " AND start_time = toDateTime64('2026-03-01 00:00:05', 3, 'UTC')")).isEqualTo(1);

        assertThat(published).extracting(l -> l.origin().file() + ":" + l.origin().line())
                .containsExactlyInAnyOrder(fileName + ":3", fileName + ":5");
        assertThat(published).allSatisfy(l -> assertThat(l.batch()).isEqualTo(importId));

        String[] list = deadletter("list", "--origin", fileName).lines();
        assertThat(list[0]).isEqualTo("refused_at,origin,position,batch,refused_by,reason");
        assertThat(list).hasSize(3);
        assertThat(List.of(list[1], list[2])).anySatisfy(l -> assertThat(l).contains("," + fileName + ",3," + importId + ",")
                .contains("b_number"));
        assertThat(List.of(list[1], list[2])).anySatisfy(l -> assertThat(l).contains("," + fileName + ",5," + importId + ",")
                .contains("duration_s"));
        assertThat(deadletter("list", "--batch", importId).lines()).hasSize(3);

        CommandRun show = deadletter("show", fileName + ":3");
        assertThat(show.lines()).hasSize(1);
        DeadLetter shown = DeadLetterJson.decode(show.out().strip().getBytes(StandardCharsets.UTF_8));
        assertThat(show.out()).startsWith("{\"v\":1");
        assertThat(shown.origin().file()).isEqualTo(fileName);
        assertThat(shown.origin().line()).isEqualTo(3L);
        assertThat(shown.raw()).isEqualTo("c2,+44 20 7000 0002,07911 000002,2026-03-01T00:00:02Z,12,0.1,EUR");
        assertThat(shown.reason()).contains("b_number");
        assertThat(shown.batch()).isEqualTo(importId);
        assertThat(DeadLetterJson.decode(deadletter("show", fileName + ":5").out().strip()
                .getBytes(StandardCharsets.UTF_8)).raw()).startsWith("c4,");

        CommandRun nothing = CommandRun.of("deadletter", "show", fileName + ":4", "--url", url, "--database", database);
        assertThat(nothing.exitCode()).isEqualTo(Tollgate.FAILURE);

        CommandRun again = importCdrs(file);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already imported").contains(importId).contains("nothing written");
        assertThat(count("SELECT count() FROM carrier_cdrs")).isEqualTo(3);
        assertThat(count("SELECT count() FROM dead_letters")).isEqualTo(2);
        assertThat(count("SELECT count() FROM cdr_imports FINAL WHERE status = 'complete'")).isEqualTo(1);
    }

    @Test
    void aGrownFileOfTheSameNameIsRefusedUnlessReplaceAndThenReplacesTheOldRows() throws Exception {
        Path file = write(fileName, HEADER
                + "c1,,+44 7911 000001,2026-03-01T00:00:01Z,10,,\n"
                + "c2,,+44 7911 000002,2026-03-01T00:00:02Z,20,,\n");
        CommandRun first = importCdrs(file);
        assertThat(first.exitCode()).as(first.err()).isZero();
        String firstId = importId(first.out());

        Files.writeString(file, "c3,,+44 7911 000003,2026-03-01T00:00:03Z,30,,\n"
                + "c4,,07911 000004,2026-03-01T00:00:04Z,40,,\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);

        CommandRun refused = importCdrs(file);
        assertThat(refused.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(refused.err()).contains("field '--replace'").contains(firstId);
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL")).isEqualTo(2);

        CommandRun replaced = importCdrs(file, "--replace");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains("imported 3 of 4 rows", "replaced the rows of 1 earlier import");
        String secondId = importId(replaced.out());
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL")).isEqualTo(3);
        assertThat(count("SELECT count() FROM carrier_cdrs FINAL WHERE import_id = '" + secondId + "'")).isEqualTo(3);
        assertThat(deadletter("list", "--batch", secondId).lines()).hasSize(2);
    }

    @Test
    void aFileThatCannotBeImportedWritesNothing() throws Exception {
        Path file = write(fileName, HEADER + "c1,,07911 000001,2026-03-01T00:00:01Z,10,,\n");

        CommandRun run = importCdrs(file);

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.err()).contains(file + ":2: field 'b_number'");
        assertThat(count("SELECT count() FROM carrier_cdrs")).isZero();
        assertThat(count("SELECT count() FROM dead_letters")).isZero();
        assertThat(count("SELECT count() FROM cdr_imports")).isZero();
    }

    private CommandRun importCdrs(Path file, String... extra) {
        List<String> all = new ArrayList<>(List.of("cdr", "import", "--vendor", vendor, "--file", file.toString(),
                "--format", "generic", "--url", url, "--database", database, "--bootstrap", bootstrap));
        all.addAll(List.of(extra));
        return CommandRun.of(all.toArray(new String[0]));
    }

    private CommandRun deadletter(String... args) {
        List<String> all = new ArrayList<>(List.of("deadletter"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", url, "--database", database));
        CommandRun run = CommandRun.of(all.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static String importId(String out) {
        Matcher m = Pattern.compile("\\(import (cdr-[0-9a-f]+)\\)").matcher(out);
        assertThat(m.find()).as("an import id in: " + out).isTrue();
        return m.group(1);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url + "/" + database, ScratchStack.credentials());
             PreparedStatement q = c.prepareStatement(sql);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }



    /** Reads a topic from its current end, so only what is published after it was opened is seen. */
    private static final class TopicTail implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;

        TopicTail(String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(10)));
        }

        /** The letters keyed {@code key}, once {@code expected} of them arrived (or after 30 s). */
        List<DeadLetter> await(String key, int expected) {
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (letters.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        letters.add(DeadLetterJson.decode(r.value()));
                    }
                }
            }
            return letters;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
