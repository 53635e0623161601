package io.tollgate.agent.ari;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelListingTest {
    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsIdNameAndDialplanApplicationAndSkipsEverythingElse() throws IOException {
        String listing = """
                [{"id":"1764240000.17","name":"PJSIP/customer-a-00000011","state":"Up",
                  "caller":{"name":"","number":"442071234567"},"connected":{"name":"","number":""},
                  "accountcode":"","dialplan":{"context":"customers","exten":"s","priority":1,
                  "app_name":"Stasis","app_data":"tollgate,in"},"creationtime":"2026-11-27T11:49:00.123+0000",
                  "language":"en","channelvars":{"x":[1,{"y":null}]}},
                 {"dialplan":null,"name":"PJSIP/carrier-b-00000012","id":"tg-lt1-1764240000.17-v1"},
                 {"id":"bare"}]""";

        assertThat(ChannelListing.parse(json(listing))).containsExactly(
                new ChannelListing.Listed("1764240000.17", "PJSIP/customer-a-00000011", "Stasis", "tollgate,in"),
                new ChannelListing.Listed("tg-lt1-1764240000.17-v1", "PJSIP/carrier-b-00000012", null, null),
                new ChannelListing.Listed("bare", null, null, null));
    }

    @Test
    void anEmptySwitchListsNothing() throws IOException {
        assertThat(ChannelListing.parse(json("[]"))).isEmpty();
    }

    @Test
    void whatIsNotAChannelListIsRefused() {
        assertThatThrownBy(() -> ChannelListing.parse(json("{\"message\":\"Not found\"}")))
                .hasMessageContaining("expected an array");
        assertThatThrownBy(() -> ChannelListing.parse(json("[{\"name\":\"PJSIP/x\"}]")))
                .hasMessageContaining("no id");
    }
}
