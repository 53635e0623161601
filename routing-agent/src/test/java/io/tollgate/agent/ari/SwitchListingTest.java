package io.tollgate.agent.ari;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchListingTest {
    private static InputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEachChannelsIdNameAndDialplanApplicationAndSkipsTheRest() throws IOException {
        String listing = """
                [{"id":"1764240000.17","name":"PJSIP/customer-a-00000011","state":"Up",
                  "caller":{"name":"","number":"442071234567"},"connected":{"name":"","number":""},
                  "accountcode":"","dialplan":{"context":"customers","exten":"s","priority":1,
                  "app_name":"Stasis","app_data":"tollgate,in"},"creationtime":"2026-11-27T11:49:00.123+0000",
                  "language":"en","channelvars":{"x":[1,{"y":null}]}},
                 {"dialplan":null,"name":"PJSIP/carrier-b-00000012","id":"tg-lt1-1764240000.17-v1"},
                 {"id":"bare"}]""";

        assertThat(SwitchListing.channels(json(listing))).containsExactly(
                new SwitchListing.Channel("1764240000.17", "PJSIP/customer-a-00000011", "Stasis", "tollgate,in"),
                new SwitchListing.Channel("tg-lt1-1764240000.17-v1", "PJSIP/carrier-b-00000012", null, null),
                new SwitchListing.Channel("bare", null, null, null));
    }

    @Test
    void readsEachBridgesId() throws IOException {
        String listing = """
                [{"id":"tg-lt1-b-1764240000.17","technology":"simple_bridge","bridge_type":"mixing",
                  "channels":["1764240000.17","tg-lt1-1764240000.17-v1"],"creator":"Stasis","name":"",
                  "creationtime":"2026-11-27T11:49:00.123+0000","video_mode":"none"},
                 {"channels":[],"id":"other"}]""";

        assertThat(SwitchListing.bridgeIds(json(listing))).containsExactly("tg-lt1-b-1764240000.17", "other");
    }

    @Test
    void anEmptySwitchListsNothing() throws IOException {
        assertThat(SwitchListing.channels(json("[]"))).isEmpty();
        assertThat(SwitchListing.bridgeIds(json("[]"))).isEmpty();
    }

    @Test
    void whatIsNotAListIsRefused() {
        assertThatThrownBy(() -> SwitchListing.channels(json("{\"message\":\"Not found\"}")))
                .hasMessageContaining("expected an array");
        assertThatThrownBy(() -> SwitchListing.channels(json("[{\"name\":\"PJSIP/x\"}]")))
                .hasMessageContaining("channel has no id");
        assertThatThrownBy(() -> SwitchListing.bridgeIds(json("[{\"channels\":[]}]")))
                .hasMessageContaining("bridge has no id");
    }
}
