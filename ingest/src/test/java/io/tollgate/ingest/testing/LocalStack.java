package io.tollgate.ingest.testing;

import io.tollgate.ingest.kafka.TopicAdmin;
import io.tollgate.ingest.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Where integration tests find the real services that {@code infra/stack} starts. Addresses come from the same
 * environment variables the commands read, with the local stack's defaults; a service that does not answer fails
 * the test with the command that starts it, instead of a connection timeout deep in a client library.
 */
public final class LocalStack {
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private LocalStack() {
    }

    /** Kafka bootstrap servers; checks that the first one answers. */
    public static String kafkaBootstrap() {
        String bootstrap = env("TOLLGATE_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        require("Kafka", bootstrap.split(",")[0], "infra/stack up kafka");
        return bootstrap;
    }

    /** Creates the contract topics named (those missing), partitioned as in production, replicated as the cluster allows. */
    public static void ensureTopics(String bootstrap, String... topics) throws Exception {
        short replication;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            replication = (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        }
        List<String> wanted = List.of(topics);
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
            admin.create(Topics.layout(4, replication, Duration.ofDays(7)).stream()
                    .filter(t -> wanted.contains(t.name())).toList());
        }
    }

    /** JDBC URL of the ClickHouse server, without database; checks that it answers. */
    public static String clickhouseUrl() {
        String url = env("TOLLGATE_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:8123");
        require("ClickHouse", URI.create(url.substring("jdbc:".length())).getAuthority(), "infra/stack up clickhouse");
        return url;
    }

    /** Base URI of ARI, ending in {@code /ari/}; checks that Asterisk's HTTP server answers. */
    public static URI ariUri() {
        URI uri = URI.create(env("TOLLGATE_ARI_URL", "http://127.0.0.1:8088/ari/"));
        require("Asterisk ARI", uri.getAuthority(), "infra/stack up asterisk");
        return uri;
    }

    public static String ariUser() {
        return env("TOLLGATE_ARI_USER", "tollgate");
    }

    public static String ariPassword() {
        return env("TOLLGATE_ARI_PASSWORD", "tollgate");
    }

    /** The Flink cluster's REST endpoint; checks that it answers. */
    public static URI flinkRest() {
        URI uri = URI.create(env("TOLLGATE_FLINK_REST", "http://127.0.0.1:8081"));
        require("Flink", uri.getAuthority(), "infra/stack up flink");
        return uri;
    }

    /** The stack's state directory (pids, logs), for tests that stop and start a service on purpose. */
    public static Path stateDir() {
        String dir = System.getenv("TOLLGATE_STACK_DIR");
        return dir != null ? Path.of(dir) : checkout().resolve(".stack");
    }

    /** The pids of the running Kafka brokers, broker 1 first; fails unless {@code brokers} of them run. */
    public static List<Long> kafkaBrokerPids(int brokers) {
        Path run = stateDir().resolve("run");
        try {
            int running = Integer.parseInt(Files.readString(run.resolve("kafka.brokers")).strip());
            if (running < brokers) {
                throw new AssertionError("this test needs a " + brokers + "-broker Kafka cluster but " + running
                        + " broker(s) run; start it with: infra/stack up kafka --brokers " + brokers);
            }
            return IntStream.rangeClosed(1, running).mapToObj(i -> pid(run, "kafka-" + i)).toList();
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("no Kafka cluster state under " + run + "; start it with: infra/stack up kafka --brokers "
                    + brokers, e);
        }
    }

    /**
     * The pid infra/stack recorded for one of its processes ({@code kafka-1}, {@code clickhouse},
     * {@code flink-taskmanager-2}, ...), for a test that kills it on purpose.
     */
    public static long pid(String name) {
        return pid(stateDir().resolve("run"), name);
    }

    /** Runs {@code infra/stack} with {@code args} and waits for it; fails with its output if it fails. */
    public static void stack(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(checkout().resolve("infra/stack").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("infra/stack " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    /** The root of the checkout: the nearest folder above the working directory that has infra/stack. */
    public static Path checkout() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("infra/stack"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find infra/stack above " + Path.of("").toAbsolutePath());
    }

    private static long pid(Path run, String name) {
        try {
            // "<pid> <marker>": infra/stack records what the process's command line must contain
            return Long.parseLong(Files.readString(run.resolve(name + ".pid")).strip().split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("no pid for " + name + " under " + run, e);
        }
    }

    private static void require(String service, String hostPort, String start) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            throw new AssertionError(service + " is not answering on " + hostPort + ". Start it with: " + start
                    + "   (or run the whole suite with ./run-tests, which starts what the tests need)");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
