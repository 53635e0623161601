package io.tollgate.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The customer lines of {@link SwitchSim.Options}: caller endpoint → customer endpoint, the default pair first. An
 * endpoint plays one part only: a name that were both a trunk and a line, or a caller and a customer endpoint, would
 * send its calls somewhere the test did not mean.
 */
final class CustomerLines {
    private CustomerLines() {
    }

    /** The default pair, then {@code more} in their order; refuses a caller sent to two customers. */
    static Map<String, String> of(String caller, String customer, Map<String, String> more, Set<String> trunks) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(Objects.requireNonNull(caller, "callerEndpoint"),
                Objects.requireNonNull(customer, "customerEndpoint"));
        more.forEach((c, to) -> {
            String before = lines.putIfAbsent(Objects.requireNonNull(c, "caller endpoint"),
                    Objects.requireNonNull(to, "customer endpoint"));
            if (before != null && !before.equals(to)) {
                throw new IllegalArgumentException("caller endpoint " + c + " already leads to " + before + ", not "
                        + to);
            }
        });
        lines.forEach((c, to) -> {
            if (trunks.contains(c) || trunks.contains(to)) {
                throw new IllegalArgumentException("line " + c + " → " + to + " uses the name of a trunk");
            }
            if (lines.containsKey(to)) {
                throw new IllegalArgumentException(to + " cannot be both a customer endpoint and a caller endpoint");
            }
        });
        return Collections.unmodifiableMap(lines);
    }
}
