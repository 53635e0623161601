package io.tollgate.app;

import io.tollgate.ingest.kafka.TopicAdmin;
import io.tollgate.ingest.kafka.TopicSpec;
import io.tollgate.ingest.kafka.Topics;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What command integration tests set up on the local stack: a contract topic, a freshly migrated database. */
final class ScratchStack {
    private ScratchStack() {
    }

    /** Creates {@code topic} (one of the contract topics) if missing, replicated as the cluster allows. */
    static void ensureTopic(String bootstrap, String topic) throws Exception {
        short replication;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            replication = (short) Math.min(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        }
        try (TopicAdmin admin = TopicAdmin.connect(bootstrap)) {
            admin.create(Topics.layout(4, replication, Duration.ofDays(7)).stream()
                    .filter((TopicSpec t) -> t.name().equals(topic)).toList());
        }
    }

    /** A new database named {@code prefix + random}, migrated with {@code tollgate db migrate}. */
    static String migratedDatabase(String url, String prefix) {
        String database = prefix + UUID.randomUUID().toString().replace("-", "");
        CommandRun migrate = CommandRun.of("db", "migrate", "--url", url, "--database", database, "--dir",
                LocalStack.checkout().resolve("infra/clickhouse/migrations").toString());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        return database;
    }

    static void drop(String url, String database) throws Exception {
        ScratchDatabase.drop(url, database);
    }

    static Properties credentials() {
        return ScratchDatabase.credentials();
    }
}
