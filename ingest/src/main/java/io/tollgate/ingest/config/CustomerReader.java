package io.tollgate.ingest.config;

import io.tollgate.core.billing.BillingCycle;
import io.tollgate.core.billing.TaxProfile;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/** Reads {@code customers:}, a list of customers. */
final class CustomerReader {
    private static final Set<String> KEYS = Set.of("id", "name", "address", "currency", "time_zone", "billing_cycle",
            "tax_profile", "limits", "endpoints", "deck");
    private static final Set<String> ADDRESS_KEYS = Set.of("lines", "country");
    private static final Set<String> LIMIT_KEYS = Set.of("concurrent_calls", "cps", "credit");

    private final Path configDir;
    private final Claims ids = new Claims();
    private final Claims endpoints;

    /** @param endpoints shared with the vendors' trunks: an endpoint identifies one account of either kind */
    CustomerReader(Path configDir, Claims endpoints) {
        this.configDir = configDir;
        this.endpoints = endpoints;
    }

    List<Customer> readAll(ConfigNode list) {
        return list.each(this::read);
    }

    /** The customer, or null when anything in it was reported. */
    private Customer read(ConfigNode node) {
        int before = node.problems().count();
        if (!node.mapping(KEYS, true)) {
            return null;
        }
        ConfigNode idNode = node.get("id");
        String id = idNode.required(ValueFormat.ID_FORMAT);
        ids.claim(idNode, id, node.path());
        String name = node.get("name").required(ValueFormat.TEXT);
        PostalAddress address = address(node.get("address"));
        Currency currency = node.get("currency").required(ValueFormat.CURRENCY);
        ZoneId zone = node.get("time_zone").required(ValueFormat.TIME_ZONE);
        BillingCycle cycle = BillingCycleReader.read(node.get("billing_cycle"));
        TaxProfile tax = TaxProfileReader.read(node.get("tax_profile"));
        Limits limits = limits(node.get("limits"));
        String owner = id == null ? node.path() : "customer '" + id + "'";
        List<String> ownEndpoints = new ArrayList<>();
        for (ConfigNode e : node.get("endpoints").list(true)) {
            String endpoint = e.required(ValueFormat.ID_FORMAT);
            endpoints.claim(e, endpoint, owner + " (" + e.path() + ")");
            ownEndpoints.add(endpoint);
        }
        DeckRef deck = DeckRefReader.read(node.get("deck"), configDir);
        if (node.problems().count() > before) {
            return null;
        }
        return new Customer(id, name, address, currency, zone, cycle, tax, limits, ownEndpoints, deck);
    }

    private static PostalAddress address(ConfigNode node) {
        if (!node.mapping(ADDRESS_KEYS, true)) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (ConfigNode line : node.get("lines").list(true)) {
            lines.add(line.required(ValueFormat.TEXT));
        }
        String country = node.get("country").required(ValueFormat.COUNTRY);
        return lines.contains(null) || country == null ? null : new PostalAddress(lines, country);
    }

    private static Limits limits(ConfigNode node) {
        if (!node.mapping(LIMIT_KEYS, true)) {
            return null;
        }
        Integer calls = node.get("concurrent_calls").required(ValueFormat.wholeNumber(1));
        Integer cps = node.get("cps").required(ValueFormat.wholeNumber(1));
        BigDecimal credit = node.get("credit").required(ValueFormat.AMOUNT);
        return calls == null || cps == null || credit == null ? null : new Limits(calls, cps, credit);
    }
}
