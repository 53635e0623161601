package io.tollgate.ingest.config;

import io.tollgate.core.billing.BillingCycle;
import io.tollgate.core.billing.TaxProfile;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

/**
 * Who sends us traffic and pays for it.
 *
 * @param endpoints the switch endpoints whose calls are this customer's; each identifies exactly one customer
 * @param timeZone  where the customer's days, and so billing periods, begin and end
 */
public record Customer(
        String id,
        String name,
        PostalAddress address,
        Currency currency,
        ZoneId timeZone,
        BillingCycle billingCycle,
        TaxProfile taxProfile,
        Limits limits,
        List<String> endpoints,
        DeckRef deck) {

    public Customer {
        endpoints = List.copyOf(endpoints);
    }
}
