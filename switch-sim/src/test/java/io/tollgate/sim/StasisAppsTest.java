package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Applications: one socket per application, subscriptions, subscribeAll, event filters. */
class StasisAppsTest {
    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults());
    private final AriTestClient ari = AriTestClient.of(sim);

    @AfterEach
    void stop() {
        sim.stop();
    }

    private void legIn(EventLog log, String app, String id) {
        ari.ok("POST", "channels/create?endpoint=PJSIP/4420700000@vendor-a&app=" + app + "&channelId=" + id);
        log.await("StasisStart of " + id, Ev.is("StasisStart", id));
    }

    @Test
    void aNewerSocketTakesTheApplicationAndTheOlderIsToldItWasReplaced() {
        try (EventLog first = ari.events("app"); EventLog second = ari.events("app")) {
            JsonNode replaced = first.await("ApplicationReplaced", e -> "ApplicationReplaced".equals(Ev.type(e)));
            assertThat(replaced.path("application").asText()).isEqualTo("app");
            assertThat(replaced.fieldNames()).toIterable().containsExactly("type", "timestamp", "application",
                    "asterisk_id");

            legIn(second, "app", "v1");

            second.drain(ari, "app");
            assertThat(first.events()).extracting(Ev::type).containsExactly("ApplicationReplaced");
            assertThat(first.closed()).as("Asterisk leaves the old socket open").isFalse();
        }
    }

    @Test
    void oneSocketMayHoldSeveralApplicationsAndLosesOnlyTheOneTaken() {
        try (EventLog both = ari.events("app-a,app-b"); EventLog b = ari.events("app-b")) {
            both.await("ApplicationReplaced for app-b", e -> "ApplicationReplaced".equals(Ev.type(e)));

            legIn(both, "app-a", "va");
            legIn(b, "app-b", "vb");

            sim.settle();
            assertThat(both.about("vb")).isEmpty();
        }
    }

    @Test
    void anApplicationSubscribedToAnotherOnesChannelHearsItUntilItUnsubscribes() {
        try (EventLog owner = ari.events("owner"); EventLog watcher = ari.events("watcher")) {
            legIn(owner, "owner", "v1");

            JsonNode app = ari.ok("POST", "applications/watcher/subscription?eventSource=channel:v1").json();
            assertThat(app.path("channel_ids").toString()).isEqualTo("[\"v1\"]");
            ari.ok("POST", "channels/v1/variable?variable=X&value=1");
            watcher.await("the varset", Ev.is("ChannelVarset", "v1"));

            ari.ok("DELETE", "applications/watcher/subscription?eventSource=channel:v1");
            ari.ok("DELETE", "channels/v1");
            owner.await("destroyed", Ev.is("ChannelDestroyed", "v1"));
            watcher.drain(ari, "watcher");
            assertThat(watcher.about("v1")).extracting(Ev::type).containsExactly("ChannelVarset");
            assertThat(ari.send("DELETE", "applications/watcher/subscription?eventSource=bridge:none").status())
                    .isEqualTo(422);
        }
    }

    @Test
    void subscribeAllHearsEveryChannelFromItsCreationButNotOtherApplicationsStasisEvents() {
        try (EventLog owner = ari.events("owner"); EventLog all = ari.events("all", true)) {
            legIn(owner, "owner", "v1");
            ari.ok("POST", "bridges?bridgeId=b1");

            all.await("ChannelCreated", Ev.is("ChannelCreated", "v1"));
            all.await("BridgeCreated", Ev.is("BridgeCreated", "b1"));
            sim.settle();
            assertThat(all.about("v1")).extracting(Ev::type).doesNotContain("StasisStart");
            assertThat(ari.ok("GET", "applications/all").json().path("channel_ids").toString())
                    .isEqualTo("[\"__AST_CHANNEL_ALL_TOPIC\"]");
        }
    }

    @Test
    void anEventFilterLetsOnlyTheAllowedTypesThrough() {
        try (EventLog log = ari.events("app")) {
            ari.ok("PUT", "applications/app/eventFilter", "{\"allowed\":[{\"type\":\"StasisStart\"},{\"type\":\"ChannelDestroyed\"}]}");

            legIn(log, "app", "v1");
            ari.ok("DELETE", "channels/v1");
            log.await("destroyed", Ev.is("ChannelDestroyed", "v1"));

            assertThat(log.events()).extracting(Ev::type).containsExactly("StasisStart", "ChannelDestroyed");
            assertThat(ari.ok("GET", "applications/app").json().path("events_allowed").toString())
                    .isEqualTo("[{\"type\":\"StasisStart\"},{\"type\":\"ChannelDestroyed\"}]");
        }
    }

    @Test
    void whatOneApplicationFiltersOutAnotherStillHears() {
        try (EventLog owner = ari.events("owner"); EventLog watcher = ari.events("watcher")) {
            ari.ok("PUT", "applications/owner/eventFilter",
                    "{\"allowed\":[{\"type\":\"StasisStart\"},{\"type\":\"ChannelUserevent\"}]}");
            legIn(owner, "owner", "v1");
            ari.ok("POST", "applications/watcher/subscription?eventSource=channel:v1");

            ari.ok("POST", "channels/v1/variable?variable=X&value=1");
            ari.ok("POST", "bridges?bridgeId=b1");
            ari.ok("POST", "bridges/b1/addChannel?channel=v1");

            watcher.await("the bridge entered", Ev.is("ChannelEnteredBridge", "v1"));
            owner.drain(ari, "owner");
            assertThat(watcher.about("v1")).extracting(Ev::type).startsWith("ChannelVarset");
            assertThat(owner.events()).extracting(Ev::type).containsOnly("StasisStart", "ChannelUserevent");
        }
    }

    @Test
    void aChannelCreatedForAnApplicationNobodyHoldsIsHungUpAtOnce() {
        ari.ok("POST", "channels/create?endpoint=PJSIP/4420700001@vendor-a&app=nobody&channelId=v1");

        sim.settle();
        assertThat(sim.channels()).isZero();
    }

    @Test
    void channelsStayWhenTheirApplicationsSocketGoesAndTheApplicationListsThemWhenItComesBack() {
        try (EventLog log = ari.events("app")) {
            legIn(log, "app", "v1");
        }
        sim.settle();
        assertThat(sim.channels()).isEqualTo(1);

        try (EventLog again = ari.events("app")) {
            JsonNode app = ari.ok("GET", "applications/app").json();
            assertThat(app.path("channel_ids").toString()).isEqualTo("[\"v1\"]");
            ari.ok("DELETE", "channels/v1");
            again.await("destroyed", Ev.is("ChannelDestroyed", "v1"), Duration.ofSeconds(5));
        }
    }
}
