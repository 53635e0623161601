package io.tollgate.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.tollgate.agent.kafka.InstructionAck;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.instructions.Unblock;
import io.tollgate.core.instructions.VendorPriority;
import io.tollgate.ingest.kafka.InstructionPublisher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Orders to the routing agents: block and unblock (roles trader and fraud), vendor priority (role trader), each
 * published on the instructions topic with the caller's token name as issuer and audited; and the agents'
 * acknowledgements (roles trader, fraud). Customer and vendor ids must be those of the configuration.
 */
public final class InstructionsSection implements ApiSection {
    static final Set<Role> BLOCKERS = Set.of(Role.TRADER, Role.FRAUD);
    static final Set<Role> TRADERS = Set.of(Role.TRADER);
    static final int MAX_ACKS = 1000;
    private static final Duration ACK_READ = Duration.ofSeconds(5);

    private final Set<String> customers;
    private final Set<String> vendors;
    private final InstructionPublisher publisher;
    private final String bootstrap;
    private final String acksTopic;

    /**
     * @param customers the configuration's customer ids
     * @param vendors   the configuration's vendor ids
     * @param bootstrap where to read {@code acksTopic} from
     */
    public InstructionsSection(Set<String> customers, Set<String> vendors, InstructionPublisher publisher,
                               String bootstrap, String acksTopic) {
        this.customers = Set.copyOf(customers);
        this.vendors = Set.copyOf(vendors);
        this.publisher = publisher;
        this.bootstrap = bootstrap;
        this.acksTopic = acksTopic;
    }

    @Override
    public void register(Api api) {
        api.post("/api/instructions/block", BLOCKERS, ctx -> block(api, ctx, true));
        api.post("/api/instructions/unblock", BLOCKERS, ctx -> block(api, ctx, false));
        api.post("/api/instructions/vendor-priority", TRADERS, ctx -> priority(api, ctx));
        api.get("/api/instructions/acks", BLOCKERS, this::acks);
    }

    private void block(Api api, Context ctx, boolean block) throws Exception {
        JsonNode body = Json.body(ctx);
        String scope = Json.text(body, "scope");
        if (scope == null) {
            throw new BadRequest("scope", "required: customer, destination or vendor");
        }
        String customer = customer(Json.text(body, "customer"));
        String prefix = Ids.prefix("prefix", Json.text(body, "prefix"));
        String vendor = vendor(Json.text(body, "vendor"));
        switch (scope) {
            case "customer" -> {
                required("customer", customer, "a customer block names the customer");
                absent("vendor", vendor, "a customer block names no vendor (scope vendor does)");
            }
            case "destination" -> {
                required("prefix", prefix, "a destination block names the prefix");
                absent("vendor", vendor, "a destination block names no vendor (scope vendor does)");
            }
            case "vendor" -> {
                required("vendor", vendor, "a vendor block names the vendor");
                absent("customer", customer, "a vendor block names no customer");
            }
            default -> throw new BadRequest("scope", "must be customer, destination or vendor");
        }
        String reason = reason(body, block ? "blocked in the console" : "lifted in the console");
        Caller caller = api.caller(ctx);
        Instant now = Instant.now();
        // the time as version: newer than any automatic block raised before it (FraudUnblockCommand does the same)
        Instruction instruction = block
                ? new Block(customer, prefix, vendor, reason, now.toEpochMilli(), caller.name(), now)
                : new Unblock(customer, prefix, vendor, reason, now.toEpochMilli(), caller.name(), now);
        publish(api, ctx, instruction, block ? "instruction.block" : "instruction.unblock", Map.of("reason", reason));
    }

    private void priority(Api api, Context ctx) throws Exception {
        JsonNode body = Json.body(ctx);
        String vendor = required("vendor", vendor(Json.text(body, "vendor")), "required");
        String prefix = Ids.prefix("prefix", Json.text(body, "prefix"));
        Integer priority = whole(body, "priority", 0, 1000);
        Integer weight = whole(body, "weight", 0, 1000);
        if (priority == null && weight == null) {
            throw new BadRequest("priority", "give priority (0-1000, lower is tried earlier), weight (0-1000) or both");
        }
        Caller caller = api.caller(ctx);
        Instant now = Instant.now();
        VendorPriority order = new VendorPriority(vendor, prefix, priority == null ? 0 : priority,
                weight == null ? 1 : weight, now.toEpochMilli(), caller.name(), now);
        publish(api, ctx, order, "instruction.vendor-priority",
                Map.of("priority", order.priority(), "weight", order.weight()));
    }

    private void publish(Api api, Context ctx, Instruction instruction, String action, Map<String, ?> extra)
            throws Exception {
        RecordMetadata sent = publisher.publish(instruction);
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("type", InstructionAck.kindOf(instruction));
        details.put("version", instruction.version());
        details.put("partition", sent.partition());
        details.put("offset", sent.offset());
        api.audit(ctx, action, "instruction", instruction.subject(), details);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subject", instruction.subject());
        json.put("type", InstructionAck.kindOf(instruction));
        json.put("version", instruction.version());
        json.put("issuer", instruction.issuer());
        json.put("issuedAt", instruction.issuedAt().toString());
        ctx.status(202).json(json);
    }

    /** The agents' acknowledgements since {@code since} (default: the last hour), oldest first, at most 1000. */
    private void acks(Context ctx) {
        Instant since = Instant.now().minus(Duration.ofHours(1));
        String text = ctx.queryParam("since");
        if (text != null) {
            try {
                since = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new BadRequest("since", "must be an ISO-8601 instant, like 2026-01-05T00:00:00Z");
            }
        }
        String subject = ctx.queryParam("subject");
        if (subject != null && (subject.length() > 300 || subject.isBlank())) {
            throw new BadRequest("subject", "must be an instruction subject, like block:customer:acme");
        }
        List<Map<String, Object>> acks = new ArrayList<>();
        for (InstructionAck ack : readAcks(since)) {
            if (subject == null || subject.equals(ack.subject())) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("subject", ack.subject());
                json.put("type", ack.type());
                json.put("version", ack.version());
                json.put("agent", ack.agentId());
                json.put("appliedAt", ack.appliedAt().toString());
                json.put("lagMs", ack.lagMs());
                acks.add(json);
            }
        }
        List<Map<String, Object>> last = acks.size() > MAX_ACKS ? acks.subList(acks.size() - MAX_ACKS, acks.size())
                : acks;
        ctx.json(Map.of("since", since.toString(), "acks", last, "count", last.size()));
    }

    /** The acks topic from {@code since} to its end as of now, oldest first; unreadable records are skipped. */
    private List<InstructionAck> readAcks(Instant since) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tollgate-console-acks");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        List<InstructionAck> acks = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(acksTopic, ACK_READ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, ACK_READ);
            Map<TopicPartition, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions, ACK_READ).forEach((p, end) -> {
                if (starts.get(p) != null && starts.get(p).offset() < end) {
                    ends.put(p, end);
                }
            });
            consumer.assign(List.copyOf(ends.keySet()));
            ends.keySet().forEach(p -> consumer.seek(p, starts.get(p).offset()));
            long deadline = System.nanoTime() + ACK_READ.toNanos();
            while (!ends.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        acks.add(InstructionAck.fromJson(r.value()));
                    } catch (RuntimeException e) {
                        // not an ack: the dead-letter handling of the agents' side is not ours to repeat
                    }
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        acks.sort(Comparator.comparing(InstructionAck::appliedAt));
        return acks;
    }

    private String customer(String id) {
        if (Ids.id("customer", id) != null && !customers.contains(id)) {
            throw new BadRequest("customer", "no customer '" + id + "' in the configuration");
        }
        return id;
    }

    private String vendor(String id) {
        if (Ids.id("vendor", id) != null && !vendors.contains(id)) {
            throw new BadRequest("vendor", "no vendor '" + id + "' in the configuration");
        }
        return id;
    }

    private static String reason(JsonNode body, String fallback) {
        String reason = Json.text(body, "reason");
        if (reason == null || reason.isBlank()) {
            return fallback;
        }
        if (reason.length() > 500) {
            throw new BadRequest("reason", "must be at most 500 characters");
        }
        return reason.strip();
    }

    private static String required(String field, String value, String why) {
        if (value == null) {
            throw new BadRequest(field, why);
        }
        return value;
    }

    private static void absent(String field, String value, String why) {
        if (value != null) {
            throw new BadRequest(field, why);
        }
    }

    private static Integer whole(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new BadRequest(field, "must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }
}
