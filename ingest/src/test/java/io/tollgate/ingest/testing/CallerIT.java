package io.tollgate.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static io.tollgate.ingest.testing.AriSession.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Against the real Asterisk of infra/stack: a {@link Caller} call arrives over SIP as endpoint {@code customer}
 * in the app {@code tollgate} (played here by a plain {@link AriSession}, as the routing agent would be), what that
 * app does to the call reaches the caller's leg with the cause it gave, and the switch's CDR ({@link MasterCsv})
 * matches what happened.
 */
class CallerIT {
    private Caller caller;
    private AriSession agent;

    @BeforeEach
    void connect() throws Exception {
        agent = new AriSession();
        caller = new Caller();
    }

    @AfterEach
    void close() {
        if (caller != null) {
            caller.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aCallArrivesAsTheCustomerEndpointAndTheAgentsRingAnswerAndHangupCauseReachTheCaller() throws Exception {
        String number = uniqueNumber();
        String leg = caller.dial(number);

        JsonNode start = arrival(number);
        String customer = start.path("channel").path("id").asText();
        assertThat(start.path("channel").path("name").asText()).startsWith("PJSIP/customer-");
        assertThat(start.path("args").path(0).asText()).isEqualTo(number);
        assertThat(start.path("channel").path("dialplan").path("context").asText()).isEqualTo("from-customer");

        agent.post("channels/" + customer + "/ring");
        caller.awaitRinging(leg);
        agent.post("channels/" + customer + "/answer");
        caller.awaitAnswered(leg);

        assertThat(agent.delete("channels/" + customer + "?reason_code=17").statusCode()).isEqualTo(204);
        agent.next(about("StasisEnd", customer));
        Caller.Hangup hangup = caller.awaitDestroyed(leg);

        // the BYE carries "Reason: Q.850;cause=17" (res_pjsip_rfc3326): the caller gets the agent's cause
        assertThat(hangup.cause()).as("events %s", caller.events(leg)).isEqualTo(17);
        assertThat(hangup.causeText()).isEqualTo("User busy");
        assertThat(hangup.techCause()).isEqualTo(486);
    }

    @Test
    void aCallTheAgentRejectsBeforeAnswerEndsWithItsCauseAndIsNeverAnswered() throws Exception {
        String number = uniqueNumber();
        String leg = caller.dial(number);
        String customer = arrival(number).path("channel").path("id").asText();

        assertThat(agent.delete("channels/" + customer + "?reason_code=34").statusCode()).isEqualTo(204);
        Caller.Hangup hangup = caller.awaitDestroyed(leg);

        assertThat(hangup.cause()).as("events %s", caller.events(leg)).isEqualTo(34);
        assertThat(hangup.techCause()).isEqualTo(503);
        assertThat(caller.events(leg)).noneMatch(e -> "Up".equals(e.path("channel").path("state").asText()));
    }

    @Test
    void whenTheCallerHangsUpTheCustomerChannelLeavesTheAgentsApp() throws Exception {
        String number = uniqueNumber();
        String leg = caller.dial(number);
        String customer = arrival(number).path("channel").path("id").asText();
        agent.post("channels/" + customer + "/answer");
        caller.awaitAnswered(leg);

        caller.hangUp(leg);

        JsonNode request = agent.next(about("ChannelHangupRequest", customer));
        assertThat(request.path("cause").asInt()).isEqualTo(16);
        agent.next(about("StasisEnd", customer));
        assertThat(caller.awaitDestroyed(leg).cause()).isEqualTo(16);
    }

    @Test
    void theSwitchCdrOfTheCustomerLegHasTheAnswerAndTalkTimeTheAgentGaveIt() throws Exception {
        String number = uniqueNumber();
        String leg = caller.dial(number, "442071234567");
        String customer = arrival(number).path("channel").path("id").asText();

        agent.post("channels/" + customer + "/answer");
        Instant answered = Caller.time(caller.awaitAnswered(leg));
        Thread.sleep(1500); // the talk time the CDR must show
        assertThat(agent.delete("channels/" + customer).statusCode()).isEqualTo(204);
        Caller.Hangup hangup = caller.awaitDestroyed(leg);
        Instant ended = Caller.time(hangup.event());
        assertThat(hangup.cause()).isEqualTo(16);

        MasterCsv cdrs = MasterCsv.local();
        MasterCsv.Row row = cdrs.forUniqueId(customer).orElseThrow(() -> new AssertionError(
                "no CDR with uniqueid " + customer + " in " + cdrs.file()));
        assertThat(row.channel()).startsWith("PJSIP/customer-");
        assertThat(row.src()).isEqualTo("442071234567");
        assertThat(row.dst()).isEqualTo(number);
        assertThat(row.dcontext()).isEqualTo("from-customer");
        assertThat(row.lastapp()).isEqualTo("Stasis");
        assertThat(row.lastdata()).isEqualTo(AriSession.APP + "," + number);
        assertThat(row.disposition()).isEqualTo("ANSWERED");
        // cdr_csv writes whole seconds (cut, not rounded)
        assertThat(row.answer()).isCloseTo(answered, within(Duration.ofSeconds(1)));
        assertThat(row.end()).isCloseTo(ended, within(Duration.ofSeconds(1)));
        assertThat(row.billsec()).isCloseTo(Duration.between(answered, ended).toSeconds(), within(1L))
                .isGreaterThanOrEqualTo(1);
        assertThat(row.duration()).isGreaterThanOrEqualTo(row.billsec());

        // the caller's own leg is in the same file: the customer switch's view of the call
        MasterCsv.Row callerRow = cdrs.forUniqueId(leg).orElseThrow();
        assertThat(callerRow.channel()).startsWith("PJSIP/caller-");
        assertThat(callerRow.disposition()).isEqualTo("ANSWERED");
        assertThat(callerRow.billsec()).isCloseTo(row.billsec(), within(1L));
    }

    /** The StasisStart of the call to {@code number} in the app {@code tollgate}. */
    private JsonNode arrival(String number) throws InterruptedException {
        return agent.next(e -> "StasisStart".equals(e.path("type").asText())
                && number.equals(e.path("args").path(0).asText()));
    }

    /** A number of the answer-at-once prefix that no other test dials at the same time. */
    private static String uniqueNumber() {
        return "2800512" + ThreadLocalRandom.current().nextInt(1000, 10000);
    }
}
