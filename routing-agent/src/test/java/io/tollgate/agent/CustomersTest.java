package io.tollgate.agent;

import io.tollgate.core.instructions.Limit;
import io.tollgate.core.instructions.Party;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomersTest {
    private final InstructionBook book = new InstructionBook();
    private final Customers customers = new Customers(List.of(
            new Customers.Account("acme", List.of("customer", "acme-2"), new CustomerLimits(50, 10, BigDecimal.TEN)),
            new Customers.Account("globex", List.of("globex"), new CustomerLimits(20, 5, BigDecimal.ONE))), book);

    @Test
    void aCallIsTheCustomersWhoseEndpointItCameInOn() {
        assertThat(customers.identify("PJSIP/customer-0000001f", List.of("2800510"))).contains("acme");
        assertThat(customers.identify("PJSIP/acme-2-00000020", List.of("2800510"))).contains("acme");
        assertThat(customers.identify("PJSIP/globex-00000021", List.of("2800510"))).contains("globex");
        assertThat(customers.identify("PJSIP/stranger-00000022", List.of("2800510"))).isEmpty();
        assertThat(customers.identify("Local/2800510@from-customer-00000001;2", List.of("2800510"))).isEmpty();
    }

    @Test
    void aCustomerNamedInTheStasisArgumentsWinsOverTheEndpoint() {
        assertThat(customers.identify("PJSIP/customer-0000001f", List.of("2800510", "globex"))).contains("globex");
        assertThat(customers.identify("PJSIP/customer-0000001f", List.of("2800510", "nobody"))).isEmpty();
        assertThat(customers.identify("PJSIP/customer-0000001f", List.of("2800510", ""))).contains("acme");
    }

    @Test
    void aLimitInstructionReplacesOnlyTheFieldsItSets() {
        book.apply(new Limit(Party.CUSTOMER, "acme", null, 2, 1, "trader", Instant.now()));

        assertThat(customers.limits("acme")).isEqualTo(new CustomerLimits(50, 2, BigDecimal.TEN));
        assertThat(customers.limits("globex")).isEqualTo(new CustomerLimits(20, 5, BigDecimal.ONE));
    }
}
