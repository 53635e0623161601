package io.tollgate.ingest.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/** Reads {@code vendors:}, a list of vendors and their trunks. */
final class VendorReader {
    private static final Set<String> KEYS = Set.of("id", "name", "currency", "trunks", "deck");
    private static final Set<String> TRUNK_KEYS = Set.of("endpoint", "capacity");

    private final Path configDir;
    private final Claims ids = new Claims();
    private final Claims endpoints;

    /** @param endpoints shared with the customers: an endpoint identifies one account of either kind */
    VendorReader(Path configDir, Claims endpoints) {
        this.configDir = configDir;
        this.endpoints = endpoints;
    }

    List<Vendor> readAll(ConfigNode list) {
        return list.each(this::read);
    }

    /** The vendor, or null when anything in it was reported. */
    private Vendor read(ConfigNode node) {
        int before = node.problems().count();
        if (!node.mapping(KEYS, true)) {
            return null;
        }
        ConfigNode idNode = node.get("id");
        String id = idNode.required(ValueFormat.ID_FORMAT);
        ids.claim(idNode, id, node.path());
        String name = node.get("name").required(ValueFormat.TEXT);
        Currency currency = node.get("currency").required(ValueFormat.CURRENCY);
        List<Trunk> trunks = new ArrayList<>();
        for (ConfigNode t : node.get("trunks").list(true)) {
            trunks.add(trunk(t, id == null ? node.path() : "vendor '" + id + "'"));
        }
        DeckRef deck = DeckRefReader.read(node.get("deck"), configDir);
        if (node.problems().count() > before) {
            return null;
        }
        return new Vendor(id, name, currency, trunks, deck);
    }

    private Trunk trunk(ConfigNode node, String owner) {
        if (!node.mapping(TRUNK_KEYS, true)) {
            return null;
        }
        ConfigNode endpointNode = node.get("endpoint");
        String endpoint = endpointNode.required(ValueFormat.ID_FORMAT);
        endpoints.claim(endpointNode, endpoint, owner + " (" + endpointNode.path() + ")");
        Integer capacity = node.get("capacity").required(ValueFormat.wholeNumber(1));
        return endpoint == null || capacity == null ? null : new Trunk(endpoint, capacity);
    }
}
