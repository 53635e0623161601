package io.tollgate.app;

import io.tollgate.ingest.clickhouse.ClickHouseDatabase;
import io.tollgate.ingest.testing.LocalStack;
import io.tollgate.reports.invoice.InvoiceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Invoice numbers claimed at the same time by several finalisations: gapless, each number once, kept on retry. */
class InvoiceNumbersIT {
    private String url;
    private String database;
    private InvoiceStore store;

    @BeforeEach
    void scratchDatabase() {
        url = LocalStack.clickhouseUrl();
        database = ScratchStack.migratedDatabase(url, "it_numbers_");
        store = new InvoiceStore(new ClickHouseDatabase(url, database, ScratchStack.credentials()));
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ScratchStack.drop(url, database);
    }

    @Test
    void concurrentRunsShareOneGaplessSeriesAndARetryKeepsItsNumbers() throws Exception {
        int runs = 4;
        int perRun = 25;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<Future<Map<String, Long>>> claimed = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < perRun; i++) {
                ids.add("inv-" + run + "-" + i);
            }
            Callable<Map<String, Long>> claim = () -> store.claimNumbers("INV-2026", ids);
            claimed.add(pool.submit(claim));
        }
        Map<String, Long> all = new HashMap<>();
        for (Future<Map<String, Long>> f : claimed) {
            all.putAll(f.get());
        }
        pool.shutdown();

        assertThat(all).hasSize(runs * perRun);
        assertThat(all.values()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, runs * perRun).boxed().toList());
        Map<String, Long> retried = store.claimNumbers("INV-2026", List.of("inv-2-7", "inv-0-0"));
        assertThat(retried).containsEntry("inv-2-7", all.get("inv-2-7")).containsEntry("inv-0-0", all.get("inv-0-0"));
        assertThat(store.claimNumbers("INV-2027", List.of("inv-next-year"))).containsEntry("inv-next-year", 1L);
    }
}
