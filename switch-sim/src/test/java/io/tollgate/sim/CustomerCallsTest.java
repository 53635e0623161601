package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer calls: {@code PJSIP/<n>@caller} places a call that arrives as a customer leg in Stasis app tollgate,
 * the two legs linked like the two ends of a SIP call.
 */
class CustomerCallsTest {
    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults());
    private final AriTestClient ari = AriTestClient.of(sim);
    private final EventLog tollgate = ari.events("tollgate");
    private final EventLog caller = ari.events("caller-app");

    @AfterEach
    void stop() {
        tollgate.close();
        caller.close();
        sim.stop();
    }

    private String call(String number, String callerLeg) {
        ari.ok("POST", "channels?endpoint=PJSIP/" + number + "@caller&app=caller-app&channelId=" + callerLeg
                + "&formats=ulaw,alaw");
        JsonNode start = tollgate.await("the customer leg", Ev.customerEntered("tollgate", number));
        assertThat(start.path("args").toString()).isEqualTo("[\"" + number + "\"]");
        assertThat(start.path("channel").path("name").asText()).matches("PJSIP/customer-[0-9a-f]{8}");
        assertThat(start.path("channel").path("id").asText()).matches("\\d+\\.\\d+");
        assertThat(start.path("channel").path("dialplan").path("context").asText()).isEqualTo("from-customer");
        return start.path("channel").path("id").asText();
    }

    @ParameterizedTest(name = "refused with {0}: the caller sees {1}/{2}")
    @CsvSource({"16, 21, 603", "17, 17, 486", "34, 34, 503", "3, 1, 404", "21, 21, 403", "19, 19, 480",
            "28, 28, 484", "42, 34, 503"})
    void aRefusedCustomerLegReachesTheCallerAsChanPjsipMapsTheCause(int cause, int callerCause, int sip) {
        String customer = call("4420711000", "c1");

        ari.ok("DELETE", "channels/" + customer + "?reason_code=" + cause);

        JsonNode destroyed = caller.await("the caller leg's end", Ev.is("ChannelDestroyed", "c1"));
        assertThat(destroyed.path("cause").asInt()).isEqualTo(callerCause);
        assertThat(destroyed.path("tech_cause").asInt()).isEqualTo(sip);
        assertThat(sim.channels()).isZero();
    }

    @Test
    void ringingAndAnswerReachTheCaller() {
        String customer = call("4420711001", "c1");

        ari.ok("POST", "channels/" + customer + "/ring");
        caller.await("ringing", Ev.state("c1", "Ringing"));
        ari.ok("POST", "channels/" + customer + "/answer");

        caller.await("answered", Ev.state("c1", "Up"));
        caller.await("in its app", Ev.is("StasisStart", "c1"));
    }

    @Test
    void anAnsweredCustomerLegHungUpEndsTheCallerWithANormalClearing() {
        String customer = call("4420711002", "c1");
        ari.ok("POST", "channels/" + customer + "/answer");
        caller.await("answered", Ev.state("c1", "Up"));

        ari.ok("DELETE", "channels/" + customer + "?reason_code=17");

        JsonNode destroyed = caller.await("the caller's end", Ev.is("ChannelDestroyed", "c1"));
        assertThat(destroyed.path("cause").asInt()).isEqualTo(16);
        assertThat(destroyed.has("tech_cause")).as("a BYE carries no SIP status").isFalse();
    }

    @Test
    void whenTheCallerHangsUpTheCustomerLegLeavesStasisWithoutAChannelDestroyed() {
        String customer = call("4420711003", "c1");
        ari.ok("POST", "channels/" + customer + "/answer");
        caller.await("answered", Ev.is("StasisStart", "c1"));

        ari.ok("DELETE", "channels/c1");

        JsonNode request = tollgate.await("the hangup request", Ev.is("ChannelHangupRequest", customer));
        assertThat(request.path("cause").asInt()).isEqualTo(16);
        assertThat(request.has("soft")).isFalse();
        tollgate.await("StasisEnd", Ev.is("StasisEnd", customer));
        caller.await("the caller leg destroyed", Ev.is("ChannelDestroyed", "c1"));
        tollgate.drain(ari, "tollgate");
        assertThat(tollgate.about(customer)).noneMatch(e -> "ChannelDestroyed".equals(Ev.type(e)));
        assertThat(sim.channels()).isZero();
    }

    @Test
    void aCallerGivingUpWhileItRingsCancelsTheCustomerLeg() {
        String customer = call("4420711004", "c1");

        ari.ok("DELETE", "channels/c1");

        JsonNode request = tollgate.await("the hangup request", Ev.is("ChannelHangupRequest", customer));
        assertThat(request.path("cause").asInt()).isEqualTo(16);
        assertThat(request.path("tech_cause").asInt()).isEqualTo(487);
        tollgate.await("StasisEnd", Ev.is("StasisEnd", customer));
    }

    @Test
    void aCustomerLegIsAnsweredWhenTheVendorBridgedWithItAnswers() {
        String customer = call("4420711005", "c1");
        ari.ok("POST", "bridges?bridgeId=b1");
        ari.ok("POST", "bridges/b1/addChannel?channel=" + customer);
        ari.ok("POST", "channels/create?endpoint=PJSIP/4420711005@vendor-b&app=tollgate&channelId=v1");
        tollgate.await("the vendor leg in Stasis", Ev.is("StasisStart", "v1"));
        ari.ok("POST", "bridges/b1/addChannel?channel=v1");

        ari.ok("POST", "channels/v1/dial?timeout=30");

        tollgate.await("the customer leg up", Ev.state(customer, "Up"));
        caller.await("the caller answered", Ev.state("c1", "Up"));
    }

    @Test
    void withNoApplicationOnTheCustomerContextTheCallIsRefused() {
        tollgate.close();
        sim.settle();

        ari.ok("POST", "channels?endpoint=PJSIP/4420711006@caller&app=caller-app&channelId=c1");

        JsonNode destroyed = caller.await("the refusal", Ev.is("ChannelDestroyed", "c1"));
        assertThat(destroyed.path("cause").asInt()).isEqualTo(21);
        assertThat(destroyed.path("tech_cause").asInt()).isEqualTo(603);
    }

    @Test
    void aLocalChannelIntoTheCustomerContextLandsItsSecondHalfInTollgate() {
        ari.ok("POST", "channels?endpoint=Local/4420711007@from-customer&context=caller-wait&extension=s"
                + "&formats=ulaw,alaw&channelId=l1&otherChannelId=l2");

        JsonNode start = tollgate.await("the ;2 half", Ev.is("StasisStart", "l2"));
        assertThat(start.path("channel").path("name").asText()).matches("Local/4420711007@from-customer-[0-9a-f]{8};2");
        assertThat(start.path("args").toString()).isEqualTo("[\"4420711007\"]");
        ari.ok("POST", "channels/l2/answer");
        ari.ok("DELETE", "channels/l2?reason_code=17");
        tollgate.await("StasisEnd", Ev.is("StasisEnd", "l2"));
        sim.settle();
        assertThat(ari.send("GET", "channels/l1").status()).as("the ;1 half went with it").isEqualTo(404);
    }

    @Test
    void anUnansweredOriginateGivesUpAfterItsTimeout() {
        ari.ok("POST", "channels?endpoint=PJSIP/4420711008@caller&app=caller-app&channelId=c1&timeout=1");
        tollgate.await("the customer leg", Ev.customerEntered("tollgate", "4420711008"));

        JsonNode destroyed = caller.await("given up", Ev.is("ChannelDestroyed", "c1"), Duration.ofSeconds(5));
        assertThat(destroyed.path("cause").asInt()).isEqualTo(19);
        assertThat(caller.events()).anyMatch(Ev.dial("c1", "NOANSWER"));
    }
}
