package io.tollgate.app;

import io.tollgate.core.instructions.DeckActivation;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Party;
import io.tollgate.core.json.JsonCodec;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate deck} against the real ClickHouse and Kafka of infra/stack: each test migrates a database of its
 * own (with {@code tollgate db migrate}) and imports for an owner of its own, so runs never see each other's decks.
 */
class DeckCommandIT {
    private static final String V1 = """
            prefix,destination,rate,increments
            44,UK,0.0200,60/60
            447,UK Mobile,0.0500,30/6
            33,France,0.0300,60/60
            49,Germany,0.0100,60/60
            """;
    private static final String V2 = """
            prefix,destination,rate,increments
            44,UK,0.0200,60/60
            447,UK Mobile,0.0550,30/6
            33,France,0.0250,60/60
            34,Spain,0.0400,60/60
            """;

    private static String bootstrap;
    private static String url;

    @TempDir
    Path dir;

    private String database;
    private String owner;

    @BeforeAll
    static void instructionsTopic() throws Exception {
        bootstrap = LocalStack.kafkaBootstrap();
        url = LocalStack.clickhouseUrl();
        ScratchStack.ensureTopic(bootstrap, Topics.INSTRUCTIONS);
    }

    @BeforeEach
    void freshDatabase() {
        database = ScratchStack.migratedDatabase(url, "it_deck_");
        owner = "vendor:it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    @Test
    void importsTwoVersionsListsThemAndShowsWhatChanged() throws Exception {
        CommandRun first = importDeck(write("v1.csv", V1));
        CommandRun second = importDeck(write("v2.csv", V2));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("stored " + owner + " version 1: 4 rows");
        assertThat(second.out()).contains("stored " + owner + " version 2: 4 rows")
                .contains("published deck-activation on tollgate.instructions (key deck:vendor:" + id() + ")");

        String[] list = deck("list", owner).lines();
        assertThat(list[0]).isEqualTo(String.join(",", DeckListCommand.COLUMNS));
        assertThat(list).hasSize(3);
        assertThat(list[1]).startsWith("1,4,0,it-trader,").contains(dir.resolve("v1.csv").toString());
        assertThat(list[2]).startsWith("2,4,0,it-trader,");

        assertThat(deck("show", owner, "--version", "1").lines()).containsExactly(
                "prefix,destination,rate,effective_from,connect_fee,increments,min_duration,effective_to",
                "33,France,0.03,,0,60/60,0,", "44,UK,0.02,,0,60/60,0,", "447,\"UK Mobile\",0.05,,0,30/6,0,", "49,Germany,0.01,,0,60/60,0,");

        CommandRun diff = deck("diff", owner);
        assertThat(diff.lines()).containsExactly("change,prefix,destination,old_rate,new_rate",
                "price_down,33,France,0.03,0.025", "new,34,Spain,,0.04", "price_up,447,\"UK Mobile\",0.05,0.055",
                "removed,49,Germany,0.01,");
        assertThat(diff.err()).contains("version 2 against version 1: 1 new, 1 removed, 1 price_up, 1 price_down, 0 terms");
    }

    @Test
    void reimportingTheSameFileIsANoOp() throws Exception {
        Path file = write("v1.csv", V1);
        importDeck(file);

        CommandRun again = importDeck(file);

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("unchanged: " + file + " is already " + owner + " version 1")
                .contains("nothing stored, nothing published");
        assertThat(deck("list", owner).lines()).hasSize(2);
        assertThat(count("SELECT count() FROM rate_deck_rows")).isEqualTo(4);
        assertThat(activations()).hasSize(1);
    }

    @Test
    void aFutureActivationIsPublishedOnTheInstructionsTopic() throws Exception {
        CommandRun run = importDeck(write("v1.csv", V1), "--effective", "2030-01-01T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<DeckActivation> published = activations();
        assertThat(published).hasSize(1);
        DeckActivation activation = published.get(0);
        assertThat(activation.party()).isEqualTo(Party.VENDOR);
        assertThat(activation.partyId()).isEqualTo(id());
        assertThat(activation.version()).isEqualTo(1);
        assertThat(activation.deckVersion()).isEqualTo(id() + "-1");
        assertThat(activation.issuer()).isEqualTo("it-trader");
        assertThat(activation.activeFrom()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(deck("list", owner).lines()[1]).contains(",2030-01-01T00:00:00Z,");
    }

    @Test
    void aDeckWithBadRowsIsRefusedWholeOrQuarantinedRowByRow() throws Exception {
        Path bad = write("bad.csv", V1 + "4x,Nowhere,0.01,60/60\n35,Portugal,cheap,60/60\n");

        CommandRun refused = importDeck(bad);
        assertThat(refused.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(refused.err()).contains("bad.csv:6: field 'prefix'", "bad.csv:7: field 'rate'");
        assertThat(count("SELECT count() FROM rate_deck_rows")).isZero();

        CommandRun quarantined = importDeck(bad, "--quarantine");
        assertThat(quarantined.exitCode()).as(quarantined.err()).isZero();
        assertThat(quarantined.out()).contains("quarantined 2 bad rows (lines 6, 7) to " + dir.resolve("bad.quarantine.csv"))
                .contains("version 1: 4 rows");
        assertThat(Files.readAllLines(dir.resolve("bad.quarantine.csv"))).hasSize(3);
        assertThat(deck("list", owner).lines()[1]).startsWith("1,4,2,");
    }

    @Test
    void aVendorSheetIsStoredInTheCanonicalFormat() throws Exception {
        Path sheet = write("vendor.csv", "Dial Code,Description,Price,Billing\n44,UK,0.02,1/1\n");

        CommandRun run = importDeck(sheet, "--map", "prefix=dial code,rate=price,increments=billing,destination=description");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(deck("show", owner).lines()).containsExactly(
                "prefix,destination,rate,effective_from,connect_fee,increments,min_duration,effective_to",
                "44,UK,0.02,,0,1/1,0,");
    }

    @Test
    void storedButNotPublishedSaysWhatToRerunAndTheRerunOnlyPublishes() throws Exception {
        Path file = write("v1.csv", V1);

        CommandRun failed = CommandRun.of("deck", "import", "--owner", owner, "--file", file.toString(), "--by",
                "it-trader", "--url", url, "--database", database, "--bootstrap", "127.0.0.1:1");

        assertThat(failed.exitCode()).isEqualTo(Tollgate.FAILURE);
        assertThat(failed.err()).contains(owner + " version 1 is stored, but its activation was not published")
                .contains("rerun exactly: tollgate deck import --owner " + owner + " --file " + file);
        assertThat(deck("list", owner).lines()[1]).matches("1,4,0,it-trader,[^,]+,[^,]+,,.*");

        CommandRun rerun = importDeck(file);
        assertThat(rerun.out()).contains("already stored as " + owner + " version 1").contains("published deck-activation");
        assertThat(count("SELECT count() FROM rate_deck_rows")).isEqualTo(4);
        assertThat(activations()).hasSize(1);
        assertThat(importDeck(file).out()).contains("unchanged");
    }

    private String id() {
        return owner.substring("vendor:".length());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private CommandRun importDeck(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of("deck", "import", "--owner", owner, "--file", file.toString(),
                "--by", "it-trader", "--url", url, "--database", database, "--bootstrap", bootstrap));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(new String[0]));
    }

    private CommandRun deck(String... args) {
        List<String> all = new ArrayList<>(List.of("deck"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", url, "--database", database));
        CommandRun run = CommandRun.of(all.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url + "/" + database, ScratchStack.credentials());
             PreparedStatement q = c.prepareStatement(sql);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every deck activation on the instructions topic for this test's owner, read from the beginning. */
    private List<DeckActivation> activations() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<DeckActivation> found = new ArrayList<>();
        String key = "deck:vendor:" + id();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INSTRUCTIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        Instruction instruction = JsonCodec.INSTRUCTION.decode(r.value());
                        found.add((DeckActivation) instruction);
                    }
                }
            }
        }
        return found;
    }


}
