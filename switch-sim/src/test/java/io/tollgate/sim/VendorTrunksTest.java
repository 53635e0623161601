package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Vendor legs over the trunks, end to end through ARI: causes by prefix, timings, talk time, profiles. */
class VendorTrunksTest {
    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder().talkTime(Duration.ofSeconds(1))
            .trunk("vendor-d", new VendorProfile(0, Distribution.fixed(Duration.ofMillis(300)),
                    Distribution.fixed(Duration.ofSeconds(1)), Map.of(42, 1.0)))
            .build());
    private final AriTestClient ari = AriTestClient.of(sim);
    private final EventLog app = ari.events("app");

    @AfterEach
    void stop() {
        app.close();
        sim.stop();
    }

    private JsonNode dialUntilGone(String endpoint, String leg, int timeout) {
        ari.ok("POST", "channels/create?endpoint=" + endpoint + "&app=app&channelId=" + leg);
        app.await("in Stasis", Ev.is("StasisStart", leg));
        ari.ok("POST", "channels/" + leg + "/dial?timeout=" + timeout);
        return app.await("gone", Ev.is("ChannelDestroyed", leg), Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0} on {1} ends with {2}/{3}")
    @CsvSource({"2811234, vendor-a, 17, 486", "2821234, vendor-b, 34, 503", "2831234, vendor-c, 1, 404",
            "28401234, vendor-a, 19, 480", "28611234, vendor-a, 34, 503", "28721234, vendor-a, 34, 503",
            "28000123, vendor-a, 16, 0", "4420712345, vendor-b, 16, 0", "28711234, vendor-a, 16, 0"})
    void eachPrefixEndsWithItsCause(String number, String trunk, int cause, int sip) {
        JsonNode gone = dialUntilGone("PJSIP/" + number + "@" + trunk, "v", 30);

        assertThat(gone.path("cause").asInt()).isEqualTo(cause);
        assertThat(gone.path("tech_cause").asInt()).isEqualTo(sip);
    }

    @Test
    void busyAndCongestionComeWithoutAFinalDialStatus() {
        dialUntilGone("PJSIP/2811234@vendor-a", "v", 30);

        assertThat(app.about("v")).filteredOn(e -> "Dial".equals(Ev.type(e)))
                .extracting(e -> e.path("dialstatus").asText()).containsExactly("");
    }

    @Test
    void ringingBeforeNoAnswerLastsTheSecondsTheNumberNames() {
        long started = System.nanoTime();
        dialUntilGone("PJSIP/28401234@vendor-a", "v", 30);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(app.events()).anyMatch(Ev.state("v", "Ringing"));
    }

    @Test
    void aSlowAnswerRingsFirstAndAnswersAfterItsSecondsThenTalksTheTalkTime() {
        long started = System.nanoTime();
        JsonNode gone = dialUntilGone("PJSIP/28501234@vendor-a", "v", 30);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(gone.path("cause").asInt()).isEqualTo(16);
        assertThat(app.about("v")).extracting(Ev::type).containsSubsequence("Dial", "ChannelStateChange", "Dial",
                "ChannelStateChange", "Dial", "ChannelHangupRequest", "ChannelDestroyed");
    }

    @Test
    void theDialTimeoutEndsARingingLegWithNoAnswer() {
        JsonNode gone = dialUntilGone("PJSIP/28430123@vendor-c", "v", 1);

        assertThat(gone.path("cause").asInt()).isEqualTo(19);
        JsonNode request = app.await("the request", Ev.is("ChannelHangupRequest", "v"));
        assertThat(request.path("soft").asBoolean()).isTrue();
    }

    @Test
    void aTrunkWithAProfileRefusesAsItsProfileSays() {
        JsonNode gone = dialUntilGone("PJSIP/4420000001@vendor-d", "v", 30);

        assertThat(gone.path("cause").asInt()).as("42 crosses SIP as 503").isEqualTo(34);
    }

    @Test
    void aProfileAssignedWhileRunningAppliesToTheNextCall() {
        sim.assign("vendor-a", VendorProfile.of(1.0, Duration.ZERO, Duration.ofMillis(200)));

        JsonNode gone = dialUntilGone("PJSIP/2811234@vendor-a", "v", 30);

        assertThat(gone.path("cause").asInt()).as("answered and hung up, not busy any more").isEqualTo(16);
    }

    @Test
    void channelIdsAreAsterisksUnlessTheClientChoosesOne() {
        JsonNode created = ari.ok("POST", "channels/create?endpoint=PJSIP/4420000002@vendor-a&app=app").json();

        assertThat(created.path("id").asText()).matches("\\d{10}\\.\\d+");
        assertThat(created.path("name").asText()).matches("PJSIP/vendor-a-[0-9a-f]{8}");
        assertThat(ari.send("POST", "channels/create?endpoint=PJSIP/1@vendor-a&app=app&channelId="
                + created.path("id").asText()).status()).isEqualTo(409);
    }

    @Test
    void hangingUpTwiceIsA404TheSecondTime() {
        ari.ok("POST", "channels/create?endpoint=PJSIP/4420000003@vendor-a&app=app&channelId=v");
        app.await("in Stasis", Ev.is("StasisStart", "v"));

        assertThat(ari.send("DELETE", "channels/v?reason_code=16").status()).isEqualTo(204);
        assertThat(ari.send("DELETE", "channels/v?reason_code=16").status()).isEqualTo(404);
        app.drain(ari, "app");
        assertThat(app.events()).filteredOn(e -> "ChannelDestroyed".equals(Ev.type(e))).hasSize(1);
    }

    @Test
    void aDialNamingItsCallerShowsTheCallerInItsDialEventsAndTakesItAsConnectedLine() {
        ari.ok("POST", "channels/create?endpoint=PJSIP/4420000005@vendor-b&app=app&channelId=c1");
        app.await("in Stasis", Ev.is("StasisStart", "c1"));
        ari.ok("POST", "channels/c1/variable?variable=CALLERID(num)&value=4930100000");
        ari.ok("POST", "channels/create?endpoint=PJSIP/4420000004@vendor-a&app=app&channelId=v");
        app.await("in Stasis", Ev.is("StasisStart", "v"));

        ari.ok("POST", "channels/v/dial?timeout=30&caller=c1");

        JsonNode dial = app.await("the dial", Ev.dial("v", ""));
        assertThat(dial.path("caller").path("id").asText()).isEqualTo("c1");
        assertThat(dial.path("peer").path("connected").path("number").asText()).isEqualTo("4930100000");
    }
}
