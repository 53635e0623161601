package io.tollgate.sim;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the local stack's Asterisk configures in pjsip.conf and extensions.conf, as far as calls through ARI see it:
 * which endpoints are vendor trunks (and how their far ends behave), which are test callers and the customer
 * endpoint each one's calls arrive on (one line per customer), and which dialplan contexts send a call into which
 * Stasis application.
 */
final class Dialplan {
    /** The context of the trunks' own inbound side ([from-vendor]), shown in a trunk leg's dialplan. */
    static final String TRUNK_CONTEXT = "from-vendor";
    /** The context of the caller endpoint ([to-caller]). */
    static final String CALLER_CONTEXT = "to-caller";
    /** What PJSIP sets on an inbound call, from the request's domain. */
    static final String SIP_DOMAIN = "127.0.0.1";

    private final SwitchSim.Options options;
    private final Map<String, VendorBehaviour> trunks = new ConcurrentHashMap<>();

    Dialplan(SwitchSim.Options options) {
        this.options = options;
        long seed = options.seed();
        options.trunks().forEach((name, setup) -> trunks.put(name, setup.behaviour(new SplittableRandom(seed ^ name.hashCode()))));
    }

    boolean isTrunk(String endpoint) {
        return trunks.containsKey(endpoint);
    }

    VendorBehaviour trunk(String endpoint) {
        return trunks.get(endpoint);
    }

    /** Replaces a trunk's behaviour while the switch runs (a vendor degrading mid-test). */
    void assign(String endpoint, VendorBehaviour behaviour) {
        trunks.put(endpoint, behaviour);
    }

    Iterable<String> trunkNames() {
        return trunks.keySet();
    }

    boolean isCallerEndpoint(String endpoint) {
        return options.customerLines().containsKey(endpoint);
    }

    boolean isCustomerEndpoint(String endpoint) {
        return options.customerLines().containsValue(endpoint);
    }

    /** The customer endpoint calls placed on {@code callerEndpoint} arrive on, or null if it is not a caller. */
    String customerEndpointOf(String callerEndpoint) {
        return options.customerLines().get(callerEndpoint);
    }

    /** Every endpoint of the customer lines, each line's customer endpoint before its caller, each name once. */
    Set<String> lineEndpoints() {
        Set<String> names = new LinkedHashSet<>();
        options.customerLines().forEach((caller, customer) -> {
            names.add(customer);
            names.add(caller);
        });
        return names;
    }

    /** The context calls from every customer endpoint enter. */
    String customerContext() {
        return options.customerEndpointContext();
    }

    /** The Stasis application a context sends its calls to ({@code Stasis(<app>,${EXTEN})}), or null. */
    String stasisAppOf(String context) {
        return options.customerContexts().get(context);
    }

    /** Whether a context just keeps the call up ([caller-wait]: {@code Wait(3600)}). */
    boolean waits(String context) {
        return options.waitContexts().contains(context);
    }

    /** Whether {@code Local/...@context} can be dialled at all. */
    boolean knowsContext(String context) {
        return stasisAppOf(context) != null || waits(context);
    }
}
