package io.tollgate.app;

import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.ingest.testing.ScratchDatabase;

import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What command integration tests set up on the local stack: a contract topic, a freshly migrated database. */
final class ScratchStack {
    private ScratchStack() {
    }

    /** Creates {@code topic} (one of the contract topics) if missing, replicated as the cluster allows. */
    static void ensureTopic(String bootstrap, String topic) throws Exception {
        LocalStack.ensureTopics(bootstrap, topic);
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
