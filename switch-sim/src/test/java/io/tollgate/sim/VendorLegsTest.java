package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** The vendors' own record of what they carried: answered vendor legs, timed as their ARI events are. */
class VendorLegsTest {
    private static final DateTimeFormatter ARI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder().talkTime(Duration.ofMillis(300))
            .recordVendorLegs(true).build());
    private final AriTestClient ari = AriTestClient.of(sim);
    private final EventLog app = ari.events("app");

    @AfterEach
    void stop() {
        app.close();
        sim.stop();
    }

    private void dial(String endpoint, String leg, String variablesBody) {
        ari.ok("POST", "channels/create?endpoint=" + endpoint + "&app=app&channelId=" + leg, variablesBody);
        app.await("in Stasis", Ev.is("StasisStart", leg));
        ari.ok("POST", "channels/" + leg + "/dial?timeout=30");
    }

    private static Instant time(JsonNode event) {
        return OffsetDateTime.parse(event.path("timestamp").asText(), ARI_TIME).toInstant();
    }

    @Test
    void anAnsweredVendorLegIsRecordedWithTheTimesOfItsAnswerAndDestroyedEvents() {
        dial("PJSIP/4420712345@vendor-b", "v1", "{\"variables\":{\"CALLERID(num)\":\"4930100000\"}}");
        JsonNode up = app.await("answered", Ev.state("v1", "Up"));
        JsonNode destroyed = app.await("ended", Ev.is("ChannelDestroyed", "v1"), Duration.ofSeconds(10));
        sim.settle();

        assertThat(sim.vendorLegs()).containsExactly(new VendorLeg("vendor-b", "4420712345", "4930100000", time(up),
                time(destroyed)));
    }

    @Test
    void aLegHungUpByTheApplicationEndsWhenItsChannelIsDestroyed() {
        dial("PJSIP/28030123@vendor-a", "v1", null);
        ari.ok("POST", "channels/v1/variable?variable=CALLERID(num)&value=%2B4930100001");
        JsonNode up = app.await("answered", Ev.state("v1", "Up"));

        ari.ok("DELETE", "channels/v1");
        JsonNode destroyed = app.await("ended", Ev.is("ChannelDestroyed", "v1"));
        sim.settle();

        VendorLeg leg = sim.vendorLegs().get(0);
        assertThat(leg.answered()).isEqualTo(time(up));
        assertThat(leg.ended()).isEqualTo(time(destroyed));
        assertThat(leg.callerNumber()).isEqualTo("+4930100001");
        assertThat(leg.talked()).isEqualTo(Duration.between(time(up), time(destroyed)));
    }

    @Test
    void aLegIsTimedByItsEventsEvenWhenNoApplicationLetsThemThrough() {
        // neither the answer's events nor ChannelDestroyed pass: the switch does not render them at all
        ari.ok("PUT", "applications/app/eventFilter", "{\"allowed\":[{\"type\":\"StasisStart\"},{\"type\":\"StasisEnd\"}]}");
        ari.ok("POST", "channels/create?endpoint=PJSIP/4420712345@vendor-b&app=app&channelId=v1");
        JsonNode start = app.await("in Stasis", Ev.is("StasisStart", "v1"));
        ari.ok("POST", "channels/v1/dial?timeout=30");
        app.await("ended", Ev.is("StasisEnd", "v1"), Duration.ofSeconds(10));
        sim.settle();

        VendorLeg leg = sim.vendorLegs().get(0);
        assertThat(leg.answered()).isAfter(time(start));
        assertThat(leg.talked()).as("the far end talks 300 ms").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(app.events()).extracting(Ev::type).containsOnly("StasisStart", "StasisEnd");
    }

    @Test
    void legsTheFarEndNeverAnsweredAreNotCarriedCalls() {
        dial("PJSIP/2811234@vendor-a", "busy", null);
        app.await("busy", Ev.is("ChannelDestroyed", "busy"));
        dial("PJSIP/28401234@vendor-c", "ringing", null);
        ari.send("DELETE", "channels/ringing");
        app.await("given up", Ev.is("ChannelDestroyed", "ringing"));
        // a caller leg is answered by our own customer leg, not by a vendor (here: refused, nobody holds tollgate)
        dial("PJSIP/4420711000@caller", "customer-call", null);
        app.await("the caller leg refused", Ev.is("ChannelDestroyed", "customer-call"));
        sim.settle();

        assertThat(sim.vendorLegs()).isEmpty();
    }

    @Test
    void nothingIsKeptUnlessAsked() {
        try (SwitchSim quiet = SwitchSim.start(SwitchSim.Options.builder().talkTime(Duration.ofMillis(100)).build())) {
            AriTestClient client = AriTestClient.of(quiet);
            try (EventLog events = client.events("app")) {
                client.ok("POST", "channels/create?endpoint=PJSIP/4420712345@vendor-a&app=app&channelId=v1");
                events.await("in Stasis", Ev.is("StasisStart", "v1"));
                client.ok("POST", "channels/v1/dial?timeout=30");
                events.await("ended", Ev.is("ChannelDestroyed", "v1"), Duration.ofSeconds(10));
            }
            quiet.settle();
            assertThat(quiet.vendorLegs()).isEmpty();
            assertThat(quiet.options().recordVendorLegs()).isFalse();
        }
    }
}
