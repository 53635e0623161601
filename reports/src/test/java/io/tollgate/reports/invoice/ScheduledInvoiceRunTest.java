package io.tollgate.reports.invoice;

import io.tollgate.core.billing.BillingCycle;
import io.tollgate.core.billing.BillingPeriod;
import io.tollgate.core.billing.TaxProfile;
import io.tollgate.ingest.config.Customer;
import io.tollgate.ingest.config.DeckRef;
import io.tollgate.ingest.config.Limits;
import io.tollgate.ingest.config.PostalAddress;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledInvoiceRunTest {

    private static Customer customer(String id, String zone, BillingCycle cycle) {
        return new Customer(id, id, new PostalAddress(List.of("1 Street"), "DE"), Currency.getInstance("EUR"),
                ZoneId.of(zone), cycle, new TaxProfile(TaxProfile.Kind.EXEMPT, BigDecimal.ZERO, ""),
                new Limits(1, 1, BigDecimal.ONE), List.of(id), new DeckRef.DeckId("deck-" + id));
    }

    @Test
    void eachCustomerGetsItsLatestEndedPeriodInItsOwnZone() {
        // 1 April 03:00 UTC: already April in Berlin, still 31 March in Chicago
        Instant slot = Instant.parse("2026-04-01T03:00:00Z");
        List<Customer> customers = List.of(customer("berlin", "Europe/Berlin", new BillingCycle.Monthly(1)),
                customer("chicago", "America/Chicago", new BillingCycle.Monthly(1)),
                customer("weekly", "UTC", new BillingCycle.Weekly(DayOfWeek.MONDAY)));

        List<BillingPeriod> due = ScheduledInvoiceRun.lastEnded(customers, slot).stream()
                .map(Invoicer.Due::period).toList();

        assertThat(due).containsExactly(
                new BillingPeriod(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31")),
                new BillingPeriod(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")),
                new BillingPeriod(LocalDate.parse("2026-03-23"), LocalDate.parse("2026-03-29")));
    }
}
