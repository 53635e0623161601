package io.tollgate.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelIdsTest {
    private final ChannelIds ids = new ChannelIds("a1");

    @Test
    void vendorLegsAndBridgesNameTheirCall() {
        String call = "1764000000.42";

        assertThat(ids.callOf(ids.vendorLeg(call, 3))).contains(call);
        assertThat(ids.callOf(ids.bridge(call))).contains(call);
        assertThat(ids.callOf(ids.vendorLeg("odd-v-id", 12))).contains("odd-v-id");
    }

    @Test
    void customerLegsAndOtherAgentsIdsAreNotOurs() {
        assertThat(ids.ours("1764000000.42")).isFalse();
        assertThat(ids.callOf("1764000000.42")).isEmpty();
        assertThat(ids.ours(new ChannelIds("a2").bridge("1764000000.42"))).isFalse();
    }

    @Test
    void anAgentIdThatWouldBreakTheIdsIsRefused() {
        assertThatThrownBy(() -> new ChannelIds("a-1")).hasMessageContaining("agent id");
        assertThatThrownBy(() -> new ChannelIds("")).hasMessageContaining("agent id");
    }
}
