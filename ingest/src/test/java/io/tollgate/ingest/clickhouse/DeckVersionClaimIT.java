package io.tollgate.ingest.clickhouse;

import io.tollgate.core.rating.DeckOwner;
import io.tollgate.ingest.testing.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports for one owner that start at the same moment never take the same version number. */
class DeckVersionClaimIT {
    private static final int IMPORTS = 8;

    private final Properties credentials = new Properties();
    private String url;
    private String database;

    @BeforeEach
    void freshDatabase() throws Exception {
        url = LocalStack.clickhouseUrl();
        credentials.setProperty("user", "default");
        credentials.setProperty("password", "");
        database = "it_claims_" + UUID.randomUUID().toString().replace("-", "");
        new SchemaMigrator(url, database, credentials)
                .migrate(SchemaMigrator.read(LocalStack.checkout().resolve("infra/clickhouse/migrations")));
    }

    @AfterEach
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(url, credentials); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void concurrentImportsClaimDistinctGrowingNumbers() throws Exception {
        DeckStore store = new DeckStore(url, database, credentials);
        DeckOwner owner = DeckOwner.parse("vendor:race");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(IMPORTS);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < IMPORTS; i++) {
                Callable<Integer> claim = () -> {
                    start.await();
                    return store.nextVersion(owner);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            List<Integer> versions = new ArrayList<>();
            for (Future<Integer> claim : claims) {
                versions.add(claim.get());
            }

            assertThat(versions).doesNotHaveDuplicates().hasSize(IMPORTS).allMatch(v -> v >= 1);
            assertThat(store.nextVersion(owner)).isGreaterThan(versions.stream().max(Integer::compare).orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }
}
