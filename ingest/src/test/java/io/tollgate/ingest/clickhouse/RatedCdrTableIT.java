package io.tollgate.ingest.clickhouse;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the local stack's ClickHouse: a replayed write leaves each call once, to the last decimal. */
class RatedCdrTableIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void aReplayedWriteDoesNotDoubleCount() throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.migrated("it_rated")) {
            RatedCdrTable table = new RatedCdrTable(
                    new ClickHouseDatabase(scratch.url(), scratch.name(), ScratchDatabase.credentials()));
            List<RatedCdr> cdrs = new ArrayList<>();
            BigDecimal revenue = BigDecimal.ZERO;
            BigDecimal cost = BigDecimal.ZERO;
            for (int i = 0; i < 500; i++) {
                RatedCdr rated = rated("call-" + i, new BigDecimal(i).movePointLeft(6).add(new BigDecimal("0.01")),
                        new BigDecimal(i).movePointLeft(5));
                cdrs.add(rated);
                revenue = revenue.add(rated.customerLeg().amount());
                cost = cost.add(rated.vendorLeg().amount());
            }
            cdrs.add(RatedCdr.unrated(cdrs.get(0).cdr(), "vendor-b", null, null, EUR, "customer:no_rate"));
            cdrs.set(0, RatedCdr.unrated(new Cdr("unrated-1", "acme", null, "999", Instant.EPOCH, null,
                    Instant.EPOCH, BigDecimal.ZERO, Disposition.FAILED, 1, List.of(), Set.of(CdrFlag.TIMED_OUT)),
                    null, null, null, EUR, "customer:no_rate"));
            revenue = revenue.subtract(new BigDecimal("0.01"));

            table.insert(cdrs, RatedCdrTable.STREAM_VERSION, "stream");
            table.insert(cdrs.subList(0, 300), RatedCdrTable.STREAM_VERSION, "stream");

            RatedCdrTable.Totals totals = table.totals();
            assertThat(table.rawRows()).isEqualTo(801);
            assertThat(totals.rows()).isEqualTo(totals.distinctCalls()).isEqualTo(501);
            assertThat(totals.unrated()).isEqualTo(2);
            assertThat(totals.revenue()).isEqualByComparingTo(revenue);
            assertThat(totals.cost()).isEqualByComparingTo(cost);
        }
    }

    private static RatedCdr rated(String callId, BigDecimal revenue, BigDecimal cost) {
        Instant setup = Instant.parse("2026-11-26T10:00:00Z");
        Cdr cdr = new Cdr(callId, "acme", "4930111", "4915112345678", setup, setup.plusSeconds(2),
                setup.plusSeconds(62), new BigDecimal("60.000"), Disposition.ANSWERED, 16,
                List.of(new CallAttempt("vendor-b", callId + "-v1", 16, 800L, true)));
        return RatedCdr.rated(cdr, "vendor-b",
                new RatedLeg("wholesale-eur", 0, EUR, "49", new BigDecimal("0.01"), 60, revenue),
                new RatedLeg("vendor-b", 2, USD, "4915", new BigDecimal("0.012"), 60, cost),
                new BigDecimal("0.92"));
    }
}
