package io.tollgate.ingest.clickhouse;

import io.tollgate.core.rating.DeckOwner;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports for one owner that start at the same moment never take the same version number. */
class DeckVersionClaimIT {
    private static final int IMPORTS = 8;

    private ScratchDatabase database;

    @BeforeEach
    void freshDatabase() throws Exception {
        database = ScratchDatabase.migrated("it_claims_");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void concurrentImportsClaimDistinctGrowingNumbers() throws Exception {
        DeckStore store = new DeckStore(database.url(), database.name(), ScratchDatabase.credentials());
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
