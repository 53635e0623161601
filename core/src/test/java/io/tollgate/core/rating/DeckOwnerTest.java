package io.tollgate.core.rating;

import io.tollgate.core.instructions.Party;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeckOwnerTest {
    @Test
    void readsCustomerAndVendorOwners() {
        DeckOwner vendor = DeckOwner.parse("vendor:carrier-b");
        assertThat(vendor).isEqualTo(new DeckOwner(Party.VENDOR, "carrier-b"));
        assertThat(vendor.deckId()).isEqualTo("vendor-carrier-b");
        assertThat(vendor.versionLabel(17)).isEqualTo("carrier-b-17");
        assertThat(DeckOwner.parse("Customer:acme")).hasToString("customer:acme");
    }

    @Test
    void refusesOtherKindsAndBadIds() {
        assertThatThrownBy(() -> DeckOwner.parse("carrier-b")).hasMessageContaining("customer:ID or vendor:ID");
        assertThatThrownBy(() -> DeckOwner.parse("partner:x")).hasMessageContaining("customer:ID or vendor:ID");
        assertThatThrownBy(() -> DeckOwner.parse("vendor:a:b")).hasMessageContaining("is not an id");
        assertThatThrownBy(() -> DeckOwner.parse("vendor:")).hasMessageContaining("is not an id");
    }
}
