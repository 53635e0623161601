package io.tollgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Faults on demand, through the Java API and through {@code /sim/faults/...}. */
class FaultsTest {
    private final SwitchSim sim = SwitchSim.start(SwitchSim.Options.defaults());
    private final AriTestClient ari = AriTestClient.of(sim);
    private final AriTestClient control = new AriTestClient(sim.ariUri().resolve("/sim/"), "tollgate", "tollgate");

    @AfterEach
    void stop() {
        sim.stop();
    }

    @Test
    void droppingTheEventSocketsUnregistersTheApplicationsButKeepsTheirChannels() {
        try (EventLog log = ari.events("app")) {
            ari.ok("POST", "channels/create?endpoint=PJSIP/4420700000@vendor-a&app=app&channelId=v1");
            log.await("in Stasis", Ev.is("StasisStart", "v1"));

            control.ok("POST", "faults/drop-events");

            log.awaitClosed(Duration.ofSeconds(5));
            sim.settle();
            assertThat(sim.channels()).isEqualTo(1);
            assertThat(ari.send("GET", "channels/v1").status()).isEqualTo(200);
        }
    }

    @Test
    void socketsAreDroppedAgainEveryPeriod() {
        sim.faults().dropEventSocketsEvery(Duration.ofMillis(200));
        try (EventLog first = ari.events("app")) {
            first.awaitClosed(Duration.ofSeconds(3));
        }
        try (EventLog second = ari.events("app")) {
            second.awaitClosed(Duration.ofSeconds(3));
        }
        sim.faults().dropEventSocketsEvery(null);
        try (EventLog third = ari.events("app")) {
            ari.ok("POST", "events/user/ping?application=app");
            third.await("a user event on a socket that stays", e -> "ChannelUserevent".equals(Ev.type(e)));
        }
    }

    @Test
    void delayedEventsArriveLateAndInOrder() {
        try (EventLog log = ari.events("app")) {
            control.ok("POST", "faults/delay-events?ms=400");
            Instant sent = Instant.now();
            for (int i = 0; i < 20; i++) {
                ari.ok("POST", "events/user/e" + i + "?application=app");
            }
            log.await("the last", e -> "e19".equals(e.path("eventname").asText()));
            assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(log.events()).extracting(e -> e.path("eventname").asText())
                    .containsExactly(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "e" + i).toArray(String[]::new));
            JsonNode first = log.events().get(0);
            Instant stamped = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                    .parse(first.path("timestamp").asText(), Instant::from);
            assertThat(stamped).as("stamped when it happened, not when delivered").isBefore(sent.plusMillis(300));
        }
    }

    @Test
    void aShareOfRequestsFailsWith500BeforeDoingAnything() {
        control.ok("POST", "faults/fail-requests?share=1");
        AriTestClient.Reply failed = ari.send("POST", "bridges?bridgeId=b1");
        assertThat(failed.status()).isEqualTo(500);
        control.ok("POST", "faults/fail-requests?share=0");
        assertThat(ari.send("GET", "bridges/b1").status()).as("nothing was created").isEqualTo(404);

        sim.faults().failRequests(0.3);
        int failures = 0;
        for (int i = 0; i < 400; i++) {
            if (ari.send("GET", "asterisk/ping").status() == 500) {
                failures++;
            }
        }
        assertThat(failures).isBetween(80, 160);
    }

    @Test
    void aRestartLosesEveryChannelAndBridgeAndDropsTheSockets() {
        try (EventLog log = ari.events("app")) {
            ari.ok("POST", "channels/create?endpoint=PJSIP/4420700000@vendor-a&app=app&channelId=v1");
            log.await("in Stasis", Ev.is("StasisStart", "v1"));
            ari.ok("POST", "bridges?bridgeId=b1");

            control.ok("POST", "faults/restart");

            log.awaitClosed(Duration.ofSeconds(5));
            assertThat(sim.channels()).isZero();
            assertThat(sim.bridges()).isZero();
            assertThat(ari.ok("GET", "channels").json()).isEmpty();
        }
        try (EventLog again = ari.events("app")) {
            ari.ok("POST", "channels/create?endpoint=PJSIP/4420700000@vendor-a&app=app&channelId=v1");
            again.await("a new channel with the old id", Ev.is("StasisStart", "v1"));
        }
    }

    @Test
    void statusAndClearingAreServedToo() {
        sim.faults().delayEvents(Duration.ofSeconds(5));
        control.ok("POST", "faults/clear");
        try (EventLog log = ari.events("app")) {
            ari.ok("POST", "events/user/now?application=app");
            log.await("undelayed", e -> "now".equals(e.path("eventname").asText()), Duration.ofSeconds(2));
        }
        JsonNode status = control.ok("GET", "status").json();
        assertThat(status.path("channels").asInt()).isZero();
        assertThat(List.of(status.path("applications").toString())).isNotEmpty();
    }
}
