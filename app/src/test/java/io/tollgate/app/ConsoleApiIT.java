package io.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.agent.kafka.InstructionAck;
import io.tollgate.app.console.AlertsSection;
import io.tollgate.app.console.AuditLog;
import io.tollgate.app.console.Caller;
import io.tollgate.app.console.ConsoleServer;
import io.tollgate.app.console.ConsoleSettings;
import io.tollgate.app.console.HealthSection;
import io.tollgate.app.console.InstructionsSection;
import io.tollgate.app.console.Role;
import io.tollgate.core.fraud.RaisedAlert;
import io.tollgate.core.instructions.Block;
import io.tollgate.core.instructions.Instruction;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.clickhouse.FraudAlertTable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's API over HTTP against a scratch ClickHouse database and run-private Kafka topics: every endpoint for
 * every role, refused without or with a wrong token, bad input naming the field, an alert's status change in the API
 * and the audit log, a block on the instructions topic, an agent's acknowledgement in the API.
 */
class ConsoleApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Role, String> TOKENS = new LinkedHashMap<>();
    private static final String BOOTSTRAP = ConsoleStack.BOOTSTRAP;
    private static final Instant RAISED = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

    private static ConsoleStack stack;
    private static ClickHouseDatabase database;
    private static List<String> topics;
    private static ConsoleServer server;
    private static String base;
    private static String alertId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One endpoint as the matrix calls it: a request that succeeds for an allowed role. */
    private record Endpoint(String method, String path, String body, Set<Role> roles, int ok) {
    }

    @BeforeAll
    static void start() throws Exception {
        stack = ConsoleStack.start("console");
        database = stack.database;
        topics = List.of(stack.instructions, stack.acks);
        RaisedAlert raised = ConsoleStack.alert("acme", "4479", RAISED);
        alertId = raised.alertId();
        new FraudAlertTable(database).insert(List.of(raised,
                ConsoleStack.alert("globex", "2899", RAISED.plusSeconds(5))));

        Map<String, Caller> tokens = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            String token = UUID.randomUUID().toString().replace("-", "");
            TOKENS.put(role, token);
            tokens.put(token, new Caller(role.label() + "-desk", role));
        }
        server = new ConsoleServer(new ConsoleSettings("127.0.0.1", 0, tokens), new AuditLog(database), List.of(
                new HealthSection(database), new AlertsSection(database),
                new InstructionsSection(Set.of("acme", "globex"), Set.of("vendor-a"), stack.publisher, BOOTSTRAP,
                        topics.get(1))));
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyEndpointIsOpenToItsRolesAndAdminAndRefusedToTheOthersAndWithoutAToken() throws Exception {
        Set<Role> fraud = EnumSet.of(Role.FRAUD, Role.ADMIN);
        Set<Role> blockers = EnumSet.of(Role.TRADER, Role.FRAUD, Role.ADMIN);
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/metrics", null, EnumSet.of(Role.ADMIN), 200),
                new Endpoint("GET", "/api/alerts", null, fraud, 200),
                new Endpoint("GET", "/api/alerts/" + alertId, null, fraud, 200),
                new Endpoint("POST", "/api/alerts/" + alertId + "/acknowledge", "{}", fraud, 200),
                new Endpoint("POST", "/api/alerts/" + alertId + "/resolve", "{}", fraud, 200),
                new Endpoint("POST", "/api/alerts/" + alertId + "/false-positive", "{}", fraud, 200),
                new Endpoint("POST", "/api/instructions/block", "{\"scope\":\"destination\",\"prefix\":\"88299\"}",
                        blockers, 202),
                new Endpoint("POST", "/api/instructions/unblock", "{\"scope\":\"destination\",\"prefix\":\"88299\"}",
                        blockers, 202),
                new Endpoint("POST", "/api/instructions/vendor-priority", "{\"vendor\":\"vendor-a\",\"priority\":2}",
                        EnumSet.of(Role.TRADER, Role.ADMIN), 202),
                new Endpoint("GET", "/api/instructions/acks", null, blockers, 200));
        // + the two public routes, and the alert stream (its own test: it never ends)
        assertThat(server.routes()).as("the matrix covers every protected route").hasSize(endpoints.size() + 3);
        for (Endpoint e : endpoints) {
            for (Role role : Role.values()) {
                HttpResponse<String> answer = call(e.method(), e.path(), e.body(), TOKENS.get(role));
                if (e.roles().contains(role)) {
                    assertThat(answer.statusCode()).as("%s %s as %s: %s", e.method(), e.path(), role, answer.body())
                            .isEqualTo(e.ok());
                } else {
                    assertThat(answer.statusCode()).as("%s %s as %s", e.method(), e.path(), role).isEqualTo(403);
                    assertThat(error(answer)).contains("needs role").contains("your token '" + role.label()
                            + "-desk' is " + role.label());
                }
            }
            HttpResponse<String> anonymous = call(e.method(), e.path(), e.body(), null);
            assertThat(anonymous.statusCode()).as("%s %s without a token", e.method(), e.path()).isEqualTo(401);
            assertThat(error(anonymous)).contains("needs a token");
            HttpResponse<String> unknown = call(e.method(), e.path(), e.body(), "not-a-token-of-ours-at-all");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(error(unknown)).contains("unknown token");
        }
    }

    @Test
    void healthAndTheApiDescriptionNeedNoToken() throws Exception {
        HttpResponse<String> health = call("GET", "/api/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("clickhouse").asText()).isEqualTo("reachable");
        HttpResponse<String> openapi = call("GET", "/api/openapi.yaml", null, null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).startsWith("openapi: 3");
        HttpResponse<String> nowhere = call("GET", "/api/nowhere", null, TOKENS.get(Role.ADMIN));
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(error(nowhere)).contains("no such endpoint");
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        String fraud = TOKENS.get(Role.FRAUD);
        String trader = TOKENS.get(Role.TRADER);
        assertBad(call("GET", "/api/alerts?severity=loud", null, fraud), "severity");
        assertBad(call("GET", "/api/alerts?status=gone", null, fraud), "status");
        assertBad(call("GET", "/api/alerts?limit=0", null, fraud), "limit");
        assertBad(call("GET", "/api/alerts?from=yesterday", null, fraud), "from");
        assertBad(call("GET", "/api/alerts?customer=acme%3Bdrop", null, fraud), "customer");
        assertBad(call("GET", "/api/alerts/NOT-HEX", null, fraud), "id");
        assertBad(call("POST", "/api/alerts/" + alertId + "/acknowledge", "{not json", fraud), "body");
        assertBad(call("POST", "/api/instructions/block", "{}", fraud), "scope");
        assertBad(call("POST", "/api/instructions/block", "{\"scope\":\"planet\"}", fraud), "scope");
        assertBad(call("POST", "/api/instructions/block", "{\"scope\":\"customer\",\"customer\":\"nobody\"}", fraud),
                "customer");
        assertBad(call("POST", "/api/instructions/block", "{\"scope\":\"destination\",\"prefix\":\"+44\"}", fraud),
                "prefix");
        assertBad(call("POST", "/api/instructions/block", "{\"scope\":\"vendor\"}", fraud), "vendor");
        assertBad(call("POST", "/api/instructions/vendor-priority", "{\"vendor\":\"vendor-a\",\"weight\":-1}", trader),
                "weight");
        assertBad(call("POST", "/api/instructions/vendor-priority", "{\"vendor\":\"vendor-a\"}", trader), "priority");
        assertBad(call("GET", "/api/instructions/acks?since=soon", null, trader), "since");

        HttpResponse<String> missing = call("GET", "/api/alerts/0123456789abcdef01234567", null, fraud);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(error(missing)).contains("no alert");
    }

    @Test
    void aStatusChangeShowsInTheApiAndTheAuditLog() throws Exception {
        String fraud = TOKENS.get(Role.FRAUD);
        RaisedAlert own = ConsoleStack.alert("globex", "2417", RAISED.plusSeconds(30));
        new FraudAlertTable(database).insert(List.of(own));
        HttpResponse<String> changed = call("POST", "/api/alerts/" + own.alertId() + "/acknowledge",
                "{\"note\":\"calling the customer\"}", fraud);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode detail = JSON.readTree(call("GET", "/api/alerts/" + own.alertId(), null, fraud).body());
        assertThat(detail.get("status").asText()).isEqualTo("acknowledged");
        assertThat(detail.get("evidence").get("counts").get("calls").asLong()).isEqualTo(40);
        JsonNode listed = JSON.readTree(call("GET", "/api/alerts?customer=globex&status=acknowledged&severity=critical",
                null, fraud).body());
        assertThat(listed.get("alerts").findValuesAsText("id")).containsExactly(own.alertId());

        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT actor, source, action, subject_type, details FROM audit_log WHERE subject_id = ?")) {
            select.setString(1, own.alertId());
            try (ResultSet r = select.executeQuery()) {
                assertThat(r.next()).as("an audit row").isTrue();
                assertThat(r.getString(1)).isEqualTo("fraud-desk");
                assertThat(r.getString(2)).isEqualTo("console");
                assertThat(r.getString(3)).isEqualTo("alert.acknowledged");
                assertThat(r.getString(4)).isEqualTo("fraud_alert");
                assertThat(JSON.readTree(r.getString(5)).get("note").asText()).isEqualTo("calling the customer");
            }
        }
    }

    @Test
    void aBlockReachesTheInstructionsTopicAndAnAgentsAcknowledgementIsShown() throws Exception {
        HttpResponse<String> published = call("POST", "/api/instructions/block",
                "{\"scope\":\"customer\",\"customer\":\"acme\",\"prefix\":\"4479\",\"reason\":\"alert 1\"}",
                TOKENS.get(Role.FRAUD));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(202);
        assertThat(JSON.readTree(published.body()).get("subject").asText())
                .isEqualTo("block:customer:acme:destination:4479");

        Block block = (Block) ConsoleStack.records(topics.get(0)).stream()
                .filter(r -> r.key().equals("block:customer:acme:destination:4479"))
                .map(r -> JsonCodec.INSTRUCTION.decode(r.value())).findFirst().orElseThrow();
        assertThat(block.issuer()).isEqualTo("fraud-desk");
        assertThat(block.reason()).isEqualTo("alert 1");

        // what a routing agent answers once it applied the block
        Instruction applied = block;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.get(1), applied.subject(),
                    InstructionAck.of(applied, "agent-7", Instant.now(), 12).toJson())).get(30, TimeUnit.SECONDS);
        }
        JsonNode acks = JSON.readTree(call("GET", "/api/instructions/acks?subject=block:customer:acme:destination:4479",
                null, TOKENS.get(Role.TRADER)).body());
        assertThat(acks.get("acks").findValuesAsText("agent")).containsExactly("agent-7");
        assertThat(acks.get("acks").get(0).get("version").asLong()).isEqualTo(block.version());
    }

    @Test
    void theAlertStreamIsOpenToFraudAndAdminAsServerSentEvents() throws Exception {
        for (Role role : Role.values()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/alerts/stream"))
                    .header("Authorization", "Bearer " + TOKENS.get(role)).GET().build();
            HttpResponse<java.io.InputStream> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream body = answer.body()) {
                if (role == Role.FRAUD || role == Role.ADMIN) {
                    assertThat(answer.statusCode()).isEqualTo(200);
                    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("text/event-stream"));
                    assertThat(new String(body.readNBytes(": connected".length()),
                            java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(": connected");
                } else {
                    assertThat(answer.statusCode()).as("%s", role).isEqualTo(403);
                }
            }
        }
        assertThat(call("GET", "/api/alerts/stream", null, null).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        } else {
            request.GET();
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).get("error").asText();
    }

    private static void assertBad(HttpResponse<String> answer, String field) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("field").asText()).as(answer.body()).isEqualTo(field);
    }
}
