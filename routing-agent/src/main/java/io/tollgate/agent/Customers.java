package io.tollgate.agent;

import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Party;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a call belongs to, and what that customer may use now. A call is the customer's whose switch endpoint
 * it came in on ({@code PJSIP/<endpoint>-<n>}), unless the dialplan names the customer in the Stasis arguments
 * (for switches where several customers share an endpoint and a channel variable tells them apart). A limit
 * instruction replaces the configured limits field by field while it is in force.
 */
public final class Customers {
    /** A customer as the agent needs it. */
    public record Account(String id, List<String> endpoints, CustomerLimits limits) {
    }

    private final Map<String, Account> byId = new HashMap<>();
    private final Map<String, String> byEndpoint = new HashMap<>();
    private final InstructionBook book;

    public Customers(List<Account> accounts, InstructionBook book) {
        this.book = book;
        for (Account a : accounts) {
            byId.put(a.id(), a);
            a.endpoints().forEach(e -> byEndpoint.put(e, a.id()));
        }
    }

    /** The customer of a channel: named in the Stasis arguments after the number, else by its endpoint. */
    public Optional<String> identify(String channelName, List<String> stasisArgs) {
        if (stasisArgs.size() > 1 && !stasisArgs.get(1).isBlank()) {
            String named = stasisArgs.get(1).strip();
            return byId.containsKey(named) ? Optional.of(named) : Optional.empty();
        }
        return endpointOf(channelName).map(byEndpoint::get);
    }

    public CustomerLimits limits(String customer) {
        CustomerLimits configured = byId.get(customer).limits();
        Optional<Limit> instructed = book.limit(Party.CUSTOMER, customer);
        if (instructed.isEmpty()) {
            return configured;
        }
        Limit l = instructed.get();
        return new CustomerLimits(
                l.maxChannels() != null ? l.maxChannels() : configured.concurrentCalls(),
                l.maxCps() != null ? l.maxCps() : configured.cps(),
                configured.credit());
    }

    /** {@code PJSIP/customer-0000002a} is endpoint {@code customer}; names without a technology have none. */
    static Optional<String> endpointOf(String channelName) {
        int slash = channelName.indexOf('/');
        int dash = channelName.lastIndexOf('-');
        return slash < 0 || dash <= slash + 1 ? Optional.empty() : Optional.of(channelName.substring(slash + 1, dash));
    }
}
