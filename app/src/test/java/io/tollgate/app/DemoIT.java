package io.tollgate.app;

import io.tollgate.agent.kafka.InstructionAck;
import io.tollgate.core.csv.CsvInput;
import io.tollgate.core.csv.CsvRecord;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end test: {@code tollgate demo} on the local stack's Kafka and ClickHouse (a scratch database), with the
 * switch simulator, the routing agent, the CDR and fraud jobs, and the finance commands, held against its ground
 * truth. The short version runs in the suite; {@code -Ddemo.duration=PT10M} runs the long one.
 */
class DemoIT {
    private static final Duration LENGTH = Duration.parse(System.getProperty("demo.duration", "PT80S"));

    @TempDir
    Path dir;

    @Test
    void theDemoBillsEveryCallOnceCatchesBothAttacksInvoicesTheCdrsAndFindsTheInjectedDisputes() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.migrated("it_demo_")) {
            Instant before = Instant.now();
            CommandRun demo = CommandRun.of("demo", "--config", LocalStack.checkout().resolve("tollgate.yaml").toString(),
                    "--duration", LENGTH.toString(), "--attack-at", "PT20S", "--out", dir.toString(),
                    "--database", db.name(), "--no-stack", "--exit", "--listen", "127.0.0.1:0");
            assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
            System.out.println(demo.err() + demo.out());

            List<CsvRecord> truth = rows(dir.resolve("ground-truth.csv"));
            List<Map<String, String>> cdrs = query(db, "SELECT customer_id, a_number, b_number, toString(customer_amount) AS customer_amount,"
                    + " vendor_id, toString(vendor_amount) AS vendor_amount, disposition FROM rated_cdrs FINAL");
            everyCallHasExactlyOneRatedCdr(truth, cdrs);
            sumsEqualTheGroundTruth(truth, cdrs);
            eachAttackWasAlertedAndBlocked(db, truth, before);
            invoicesEqualTheCdrSums(db);
            theReconciliationFindsExactlyTheInjectedDiscrepancies();
        }
    }

    private static void everyCallHasExactlyOneRatedCdr(List<CsvRecord> truth, List<Map<String, String>> cdrs) {
        // a call is known by its customer, A-number (random per call) and B-number (wangiri repeats B-numbers)
        Map<String, Long> rated = cdrs.stream().collect(Collectors.groupingBy(c -> c.get("customer_id") + "|"
                + digits(c.get("a_number")) + "|" + digits(c.get("b_number")), Collectors.counting()));
        Map<String, Long> placed = truth.stream().collect(Collectors.groupingBy(c -> c.get("customer") + "|"
                + digits(c.get("a_number")) + "|" + digits(c.get("b_number")), Collectors.counting()));
        assertThat(placed.values()).as("calls are told apart by their numbers").allMatch(n -> n == 1);
        assertThat(rated).as("one rated CDR per simulated call, and none other").isEqualTo(placed);
        assertThat(truth).as("the demo placed calls of all three customers").extracting(c -> c.get("customer"))
                .contains("acme", "globex", "initech");
    }

    private static void sumsEqualTheGroundTruth(List<CsvRecord> truth, List<Map<String, String>> cdrs) {
        Map<String, String> byCall = new HashMap<>();
        cdrs.forEach(c -> byCall.put(c.get("customer_id") + "|" + digits(c.get("a_number")) + "|"
                + digits(c.get("b_number")), amount(c.get("customer_amount")) + " / " + amount(c.get("vendor_amount"))));
        List<String> differ = truth.stream().filter(t -> !(amount(t.get("customer_amount")) + " / "
                        + amount(t.get("vendor_amount"))).equals(byCall.get(t.get("customer") + "|"
                        + digits(t.get("a_number")) + "|" + digits(t.get("b_number")))))
                .map(t -> t.get("customer") + " " + t.get("scenario") + " " + t.get("b_number") + " answered "
                        + t.get("answered_at") + " talked " + t.get("duration_s") + " s: truth "
                        + t.get("customer_amount") + " / " + t.get("vendor_amount") + ", rated " + byCall.get(
                        t.get("customer") + "|" + digits(t.get("a_number")) + "|" + digits(t.get("b_number"))))
                .toList();
        assertThat(differ).as("calls whose revenue / cost differ from the ground truth").isEmpty();
        assertThat(sum(cdrs.stream().map(c -> Map.entry(c.get("customer_id"), c.get("customer_amount")))))
                .as("revenue per customer")
                .isEqualTo(sum(truth.stream().map(c -> Map.entry(c.get("customer"), c.get("customer_amount")))));
        assertThat(sum(cdrs.stream().filter(c -> !c.get("vendor_id").isEmpty())
                .map(c -> Map.entry(c.get("vendor_id"), c.get("vendor_amount")))))
                .as("cost per vendor")
                .isEqualTo(sum(truth.stream().filter(c -> !c.get("vendor").isEmpty())
                        .map(c -> Map.entry(c.get("vendor"), c.get("vendor_amount")))));
    }

    /** Exact sums per key, zero sums left out, scale-free so 1.50 equals 1.5. */
    private static Map<String, BigDecimal> sum(Stream<Map.Entry<String, String>> amounts) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        amounts.filter(e -> !e.getValue().isEmpty())
                .forEach(e -> sums.merge(e.getKey(), new BigDecimal(e.getValue()), BigDecimal::add));
        sums.replaceAll((k, v) -> v.stripTrailingZeros());
        sums.values().removeIf(v -> v.signum() == 0);
        return sums;
    }

    /**
     * IRSF from acme and wangiri from globex: each raised its alert in ClickHouse, the agent applied the block the
     * job issued, and the attack's calls placed after that were refused.
     */
    private static void eachAttackWasAlertedAndBlocked(ScratchDatabase db, List<CsvRecord> truth, Instant before)
            throws Exception {
        List<Map<String, String>> alerts = query(db, "SELECT rule_id, customer_id, subject FROM fraud_alerts FINAL");
        Map<String, Instant> blocks = blocksApplied(before);
        for (String[] attack : new String[][] {{"irsf", "acme", "2899"}, {"wangiri", "globex", "2800"}}) {
            List<String> subjects = alerts.stream().filter(a -> a.get("rule_id").equals(attack[0])
                            && a.get("customer_id").equals(attack[1]) && a.get("subject").startsWith(attack[2]))
                    .map(a -> a.get("subject")).distinct().toList();
            assertThat(subjects).as(attack[0] + " alerted: " + alerts).isNotEmpty();
            for (String subject : subjects) {
                Instant applied = blocks.get("block:customer:" + attack[1] + ":destination:" + subject);
                assertThat(applied).as("the agent applied the block of %s (acks: %s)", subject, blocks).isNotNull();
                List<CsvRecord> later = truth.stream().filter(c -> c.get("scenario").equals(attack[0]))
                        .filter(c -> c.get("b_number").startsWith(subject))
                        .filter(c -> Instant.parse(c.get("placed_at")).isAfter(applied.plusSeconds(1))).toList();
                assertThat(later).as("%s calls to %s after the block", attack[0], subject).isNotEmpty()
                        .allSatisfy(c -> assertThat(c.get("answered_at")).as("call " + c.get("call_no")).isEmpty());
            }
        }
        assertThat(alerts).as("clean traffic raised no critical alert")
                .allSatisfy(a -> assertThat(a.get("rule_id")).isIn("irsf", "wangiri", "new-destination",
                        "short-call-burst", "cps-spike"));
    }

    /** The blocks the demo's agent applied since {@code since}, by subject. */
    private static Map<String, Instant> blocksApplied(Instant since) {
        Map<String, Instant> applied = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafkaBootstrap()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INSTRUCTION_ACKS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.offsetsForTimes(partitions.stream().collect(Collectors.toMap(p -> p, p -> since.toEpochMilli())))
                    .forEach((p, o) -> consumer.seek(p, o == null ? end.get(p) : o.offset()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    InstructionAck ack = InstructionAck.fromJson(r.value());
                    if (ack.type().equals("block") && ack.agentId().equals(DemoCommand.AGENT_ID)
                            && ack.version() >= since.toEpochMilli()) {
                        applied.putIfAbsent(ack.subject(), ack.appliedAt());
                    }
                });
            }
        }
        return applied;
    }

    /** Each invoice's net is its customer's rated revenue in the period, rounded once to the currency's cents. */
    private void invoicesEqualTheCdrSums(ScratchDatabase db) throws Exception {
        List<Path> invoices;
        try (Stream<Path> files = Files.walk(dir.resolve("invoices"))) {
            invoices = files.filter(f -> f.toString().endsWith(".csv")).toList();
        }
        assertThat(invoices).as("an invoice CSV per customer").hasSize(3);
        List<Map<String, String>> revenue = query(db, "SELECT customer_id, toString(sum(customer_amount)) AS revenue"
                + " FROM rated_cdrs FINAL GROUP BY customer_id");
        for (Path invoice : invoices) {
            String customer = invoice.getParent().getFileName().toString();
            assertThat(Files.exists(Path.of(invoice.toString().replaceAll("\\.csv$", ".pdf")))).as(invoice + " has its PDF")
                    .isTrue();
            BigDecimal rated = revenue.stream().filter(r -> r.get("customer_id").equals(customer))
                    .map(r -> new BigDecimal(r.get("revenue"))).findFirst().orElse(BigDecimal.ZERO);
            // the net row: reference, no line number, kind net, then only the amount and the currency filled
            String[] net = Files.readAllLines(invoice).stream().filter(l -> l.contains(",net,Net,")).findFirst()
                    .orElseThrow(() -> new AssertionError(invoice + " has no net row")).split(",");
            BigDecimal invoiced = new BigDecimal(net[net.length - 2]);
            assertThat(invoiced).as(customer + "'s invoice net").isEqualByComparingTo(rated.setScale(2, RoundingMode.HALF_UP));
        }
    }

    private void theReconciliationFindsExactlyTheInjectedDiscrepancies() throws Exception {
        Path injectedFile;
        Path dispute;
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.toList();
            injectedFile = all.stream().filter(f -> f.getFileName().toString().endsWith("-injected.csv")).findFirst()
                    .orElseThrow(() -> new AssertionError("no answer key of the carrier's bill"));
            dispute = all.stream().filter(f -> f.getFileName().toString().startsWith("dispute-")
                    && f.toString().endsWith(".csv")).findFirst().orElseThrow(() -> new AssertionError("no dispute CSV"));
        }
        Set<String> injected = rows(injectedFile).stream().map(r -> r.get("class") + "|" + digits(r.get("b_number")))
                .collect(Collectors.toSet());
        List<String> lines = Files.readAllLines(dispute);
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("class,our_call_id")).findFirst()
                .orElseThrow(() -> new AssertionError("no dispute lines in " + dispute)));
        Set<String> found = new java.util.HashSet<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            String[] f = line.split(",", -1);
            found.add(f[0] + "|" + digits(f[4]));
        }
        assertThat(injected).as("one discrepancy of each kind was injected").hasSize(4);
        assertThat(found).as("disputed lines of " + dispute).isEqualTo(injected);
    }

    private static String amount(String text) {
        return text == null || text.isEmpty() ? "0" : new BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    private static List<CsvRecord> rows(Path file) throws Exception {
        String header = Files.readAllLines(file).get(0);
        List<String> columns = List.of(header.split(","));
        List<CsvRecord> rows = new ArrayList<>();
        try (CsvInput in = CsvInput.open(file, List.of(), columns)) {
            for (CsvRecord r = in.next(); r != null; r = in.next()) {
                rows.add(r);
            }
        }
        return rows;
    }

    private static List<Map<String, String>> query(ScratchDatabase db, String sql) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url() + "/" + db.name(), ScratchDatabase.credentials());
             PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
