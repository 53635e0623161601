package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several customers: each caller endpoint's calls arrive on its own customer endpoint, all in the customer context. */
class CustomerLinesTest {
    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder()
            .customerLine("caller-b", "customer-b").customerLine("caller-c", "customer-c").build());
    private final AriTestClient ari = AriTestClient.of(sim);
    private final EventLog tollgate = ari.events("tollgate");
    private final EventLog caller = ari.events("caller-app");

    @AfterEach
    void stop() {
        tollgate.close();
        caller.close();
        sim.stop();
    }

    private JsonNode call(String number, String callerEndpoint, String callerLeg) {
        ari.ok("POST", "channels?endpoint=PJSIP/" + number + "@" + callerEndpoint + "&app=caller-app&channelId="
                + callerLeg + "&callerId=4930100000");
        return tollgate.await("the customer leg of " + callerEndpoint, Ev.customerEntered("tollgate", number));
    }

    @Test
    void aCallOnASecondCallerEndpointArrivesOnItsCustomerEndpointInTheCustomerContext() {
        JsonNode start = call("4420711100", "caller-b", "c1");

        JsonNode channel = start.path("channel");
        assertThat(channel.path("name").asText()).matches("PJSIP/customer-b-[0-9a-f]{8}");
        assertThat(channel.path("dialplan").path("context").asText()).isEqualTo("from-customer");
        assertThat(channel.path("caller").path("number").asText()).isEqualTo("4930100000");
        assertThat(start.path("args").toString()).isEqualTo("[\"4420711100\"]");
    }

    @Test
    void theDefaultLineStaysAndEachLineKeepsToItsOwnCustomer() {
        String onDefault = call("4420711101", "caller", "c1").path("channel").path("name").asText();
        String onC = call("4420711102", "caller-c", "c2").path("channel").path("name").asText();

        assertThat(onDefault).matches("PJSIP/customer-[0-9a-f]{8}");
        assertThat(onC).matches("PJSIP/customer-c-[0-9a-f]{8}");
    }

    @Test
    void theLegsOfASecondLineAreCoupledAsTheDefaultLinesAre() {
        String customer = call("4420711103", "caller-b", "c1").path("channel").path("id").asText();

        ari.ok("POST", "channels/" + customer + "/answer");
        caller.await("the caller answered", Ev.state("c1", "Up"));
        ari.ok("DELETE", "channels/" + customer + "?reason_code=17");
        JsonNode destroyed = caller.await("the caller's end", Ev.is("ChannelDestroyed", "c1"));
        assertThat(destroyed.path("cause").asInt()).as("a BYE after answer").isEqualTo(16);

        String ringing = call("4420711104", "caller-b", "c2").path("channel").path("id").asText();
        ari.ok("DELETE", "channels/c2");
        JsonNode cancel = tollgate.await("the CANCEL", Ev.is("ChannelHangupRequest", ringing));
        assertThat(cancel.path("tech_cause").asInt()).isEqualTo(487);
        tollgate.await("StasisEnd", Ev.is("StasisEnd", ringing));
        sim.settle();
        assertThat(sim.channels()).isZero();
    }

    @Test
    void aRefusalOnASecondLineReachesItsCallerAsChanPjsipMapsIt() {
        String customer = call("4420711105", "caller-c", "c1").path("channel").path("id").asText();

        ari.ok("DELETE", "channels/" + customer + "?reason_code=34");

        JsonNode destroyed = caller.await("the refusal", Ev.is("ChannelDestroyed", "c1"), Duration.ofSeconds(10));
        assertThat(destroyed.path("cause").asInt()).isEqualTo(34);
        assertThat(destroyed.path("tech_cause").asInt()).isEqualTo(503);
    }

    @Test
    void everyLinesEndpointsAreListedAndCanBeSubscribedTo() {
        List<String> listed = new ArrayList<>();
        for (JsonNode endpoint : ari.ok("GET", "endpoints").json()) {
            listed.add(endpoint.path("resource").asText() + ":" + endpoint.path("state").asText());
        }

        assertThat(listed).containsSubsequence("customer:offline", "caller:online", "customer-b:offline",
                "caller-b:online", "customer-c:offline", "caller-c:online");
        assertThat(ari.ok("GET", "endpoints/PJSIP/customer-b").json().path("state").asText()).isEqualTo("offline");
        assertThat(ari.send("GET", "endpoints/PJSIP/customer-d").status()).isEqualTo(404);
        assertThat(ari.send("POST", "applications/tollgate/subscription?eventSource=endpoint:PJSIP/caller-c")
                .status()).isEqualTo(200);
        assertThat(ari.send("POST", "channels/create?endpoint=PJSIP/1@customer-b&app=tollgate").status())
                .as("a customer endpoint has no contact to call").isEqualTo(500);
    }

    @Test
    void aLineCannotTakeATrunksNameNorSendOneCallerToTwoCustomers() {
        assertThatThrownBy(() -> SwitchSim.Options.builder().customerLine("vendor-a", "customer-x").build())
                .hasMessageContaining("trunk");
        assertThatThrownBy(() -> SwitchSim.Options.builder().customerLine("caller", "customer-x").build())
                .hasMessageContaining("already leads to customer");
        assertThat(SwitchSim.Options.defaults().customerLines()).isEqualTo(Map.of("caller", "customer"));
    }
}
