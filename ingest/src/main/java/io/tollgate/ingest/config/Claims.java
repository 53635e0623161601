package io.tollgate.ingest.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Names that must identify one thing only: ids within customers or vendors, and switch endpoints across both. A
 * second claim is reported where it is made, naming the first; a call on an endpoint two customers claim would be
 * billed to whichever the agent happened to find first.
 */
final class Claims {
    private final Map<String, String> owners = new HashMap<>();

    /** @param owner the first claimant, for the message: {@code customer 'acme' (customers[0].endpoints[0])} */
    void claim(ConfigNode node, String name, String owner) {
        if (name == null) {
            return;
        }
        String first = owners.putIfAbsent(name, owner);
        if (first != null) {
            node.problem("'" + name + "' already identifies " + first);
        }
    }
}
