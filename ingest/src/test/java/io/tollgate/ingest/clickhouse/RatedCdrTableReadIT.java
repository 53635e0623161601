package io.tollgate.ingest.clickhouse;

import io.tollgate.core.cdr.CallAttempt;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrFlag;
import io.tollgate.core.cdr.Disposition;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.cdr.RatedLeg;
import io.tollgate.core.instructions.Party;
import io.tollgate.ingest.clickhouse.RatedCdrTable.StoredRating;
import io.tollgate.ingest.testing.ScratchDatabase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the local stack's ClickHouse: a period's rated CDRs read back as they were written, latest version only. */
class RatedCdrTableReadIT {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void readsAPeriodOfOneCustomerOrVendorAsWritten() throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.migrated("it_rated_read")) {
            RatedCdrTable table = new RatedCdrTable(
                    new ClickHouseDatabase(scratch.url(), scratch.name(), ScratchDatabase.credentials()));
            RatedCdr answered = rated("a1", "acme", FROM, "vendor-b", USD, new BigDecimal("0.92"));
            RatedCdr unrated = RatedCdr.unrated(cdr("a2", "acme", FROM.plusSeconds(10), "vendor-b", false,
                    Set.of(CdrFlag.TIMED_OUT, CdrFlag.SWEPT)), "vendor-b", answered.customerLeg(), null, EUR,
                    "vendor:no_rate");
            RatedCdr noVendor = RatedCdr.rated(new Cdr("a3", "acme", null, "4915112345678", FROM.plusSeconds(20),
                    null, FROM.plusSeconds(21), BigDecimal.ZERO, Disposition.REJECTED, 21, List.of()), null,
                    new RatedLeg("customer-acme", 1, EUR, "49", new BigDecimal("0.02"), 0, new BigDecimal("0")), null,
                    BigDecimal.ONE);
            RatedCdr lastSecond = rated("a4", "acme", TO.minusMillis(1), "vendor-c", EUR, BigDecimal.ONE);
            RatedCdr atTheEnd = rated("a5", "acme", TO, "vendor-b", EUR, BigDecimal.ONE);
            RatedCdr before = rated("a6", "acme", FROM.minusMillis(1), "vendor-b", EUR, BigDecimal.ONE);
            RatedCdr globex = rated("g1", "globex", FROM.plusSeconds(5), "vendor-b", EUR, BigDecimal.ONE);
            table.insert(List.of(answered, unrated, noVendor, lastSecond, atTheEnd, before, globex),
                    RatedCdrTable.STREAM_VERSION, "stream");
            RatedCdr later = rated("a4", "acme", TO.minusMillis(1), "vendor-c", EUR, BigDecimal.ONE, "0.05");
            table.insert(List.of(later), 7, "rerate:x");

            List<StoredRating> acme = read(table, Party.CUSTOMER, "acme");
            List<StoredRating> vendorB = read(table, Party.VENDOR, "vendor-b");

            assertThat(table.countAtMost(Party.CUSTOMER, "acme", FROM, TO)).isEqualTo(5);
            assertThat(acme).extracting(s -> s.rated().callId()).containsExactly("a1", "a2", "a3", "a4");
            assertThat(acme).extracting(StoredRating::version).containsExactly(0L, 0L, 0L, 7L);
            assertThat(acme).extracting(StoredRating::ratedBy)
                    .containsExactly("stream", "stream", "stream", "rerate:x");
            assertSame(acme.get(0).rated(), answered);
            assertSame(acme.get(1).rated(), unrated);
            assertSame(acme.get(2).rated(), noVendor);
            assertSame(acme.get(3).rated(), later);
            assertThat(vendorB).extracting(s -> s.rated().callId()).containsExactly("a1", "a2", "g1");
        }
    }

    private static List<StoredRating> read(RatedCdrTable table, Party party, String id) throws Exception {
        List<StoredRating> rows = new ArrayList<>();
        assertThat(table.read(party, id, FROM, TO, rows::add)).isEqualTo(rows.size());
        rows.sort(Comparator.comparing(s -> s.rated().callId()));
        return rows;
    }

    /** Equal but for the scale of amounts (the table keeps 6 decimals). */
    private static void assertSame(RatedCdr read, RatedCdr written) {
        assertThat(read).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(written);
    }

    private static Cdr cdr(String callId, String customer, Instant setup, String vendor, boolean answered,
            Set<CdrFlag> flags) {
        return new Cdr(callId, customer, "4930111", "4915112345678", setup, answered ? setup.plusSeconds(2) : null,
                setup.plusMillis(answered ? 63_250 : 4_000), answered ? new BigDecimal("61.250") : BigDecimal.ZERO,
                answered ? Disposition.ANSWERED : Disposition.NO_ANSWER, answered ? 16 : 19,
                List.of(new CallAttempt("vendor-a", callId + "-v1", 34, null, false),
                        new CallAttempt(vendor, callId + "-v2", answered ? 16 : 19, 850L, answered)), flags);
    }

    private static RatedCdr rated(String callId, String customer, Instant setup, String vendor, Currency vendorCurrency,
            BigDecimal fx) {
        return rated(callId, customer, setup, vendor, vendorCurrency, fx, "0.04");
    }

    private static RatedCdr rated(String callId, String customer, Instant setup, String vendor, Currency vendorCurrency,
            BigDecimal fx, String revenue) {
        return RatedCdr.rated(cdr(callId, customer, setup, vendor, true, Set.of()), vendor,
                new RatedLeg("customer-" + customer, 3, EUR, "49", new BigDecimal("0.02"), 120,
                        new BigDecimal(revenue)),
                new RatedLeg("vendor-" + vendor, 2, vendorCurrency, "4915", new BigDecimal("0.0123"), 120,
                        new BigDecimal("0.0246")), fx);
    }
}
