package io.tollgate.sim;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisEnd;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.AriConnectionEvent;
import ch.loway.oss.ari4java.tools.AriWSCallback;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import ch.loway.oss.ari4java.tools.RestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The routing agent's own ARI client, ari4java 0.18.0 with the ARI 10.0.0 bindings, drives the simulator unchanged:
 * the same calls the agent's AriSwitch makes (synchronous requests), the same lenient mapper it sets.
 */
class Ari4javaCompatibilityTest {
    private static final String APP = ScenarioRun.CUSTOMER_APP;

    private SwitchSim sim;
    private ARI ari;
    private final Received received = new Received();
    private AriTestClient plain;
    private EventLog callerEvents;

    @BeforeEach
    void connect() throws Exception {
        sim = SwitchSim.start(SwitchSim.Options.defaults());
        BaseAriAction.setObjectMapperLessStrict();
        ari = ARI.build("http://127.0.0.1:" + sim.port() + "/", APP, "tollgate", "tollgate", AriVersion.ARI_10_0_0);
        ari.eventsCallback(received);
        received.awaitConnected();
        plain = AriTestClient.of(sim);
        callerEvents = plain.events("caller-app");
    }

    @AfterEach
    void disconnect() {
        callerEvents.close();
        Thread cleanup = new Thread(ari::cleanup);
        cleanup.start();
        try {
            cleanup.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sim.stop();
    }

    @Test
    void aCallRoutedLikeTheAgentDoesIsAnsweredAndLeavesNothingBehind() throws Exception {
        plain.ok("POST", "channels?endpoint=PJSIP/4420700001@caller&app=caller-app&channelId=caller-1&formats=ulaw,alaw");
        StasisStart start = received.await(StasisStart.class, s -> s.getArgs().contains("4420700001"));
        String customer = start.getChannel().getId();
        assertThat(start.getChannel().getName()).startsWith("PJSIP/customer-");
        assertThat(start.getChannel().getState()).isEqualTo("Ring");

        String bridge = "tg-test-" + customer;
        String leg = bridge + "-v1";
        ari.bridges().create().setBridgeId(bridge).setType("mixing").setName(bridge).execute();
        ari.bridges().addChannel(bridge, customer).execute();
        ari.channels().ring(customer).execute();
        ari.channels().create("PJSIP/28001999@vendor-a", APP).setChannelId(leg).setFormats("ulaw,alaw")
                .addVariables("CALLERID(num)", "4930100000").execute();
        received.await(StasisStart.class, s -> s.getChannel().getId().equals(leg));
        ari.bridges().addChannel(bridge, leg).execute();
        ari.channels().dial(leg).setTimeout(30).execute();
        received.await(ChannelStateChange.class, c -> c.getChannel().getId().equals(leg)
                && "Up".equals(c.getChannel().getState()));
        ari.channels().answer(customer).execute();

        callerEvents.await("the caller answered", Ev.state("caller-1", "Up"));
        ChannelDestroyed legGone = received.await(ChannelDestroyed.class, d -> d.getChannel().getId().equals(leg));
        assertThat(legGone.getCause()).isEqualTo(16);
        ari.channels().hangup(customer).setReason_code("16").execute();
        received.await(StasisEnd.class, e -> e.getChannel().getId().equals(customer));
        ari.bridges().destroy(bridge).execute();

        callerEvents.await("the caller hung up", Ev.is("ChannelDestroyed", "caller-1"));
        sim.settle();
        assertThat(sim.channels()).isZero();
        assertThat(sim.bridges()).isZero();
        assertThat(ari.channels().list().execute()).isEmpty();
    }

    @Test
    void aBusyVendorLegsCauseReachesTheClientDespiteTheFieldTheModelLacks() throws Exception {
        String leg = "busy-leg";
        ari.channels().create("PJSIP/2815551234@vendor-b", APP).setChannelId(leg).setFormats("ulaw,alaw").execute();
        received.await(StasisStart.class, s -> s.getChannel().getId().equals(leg));
        ari.channels().dial(leg).setTimeout(30).execute();

        ChannelDestroyed gone = received.await(ChannelDestroyed.class, d -> d.getChannel().getId().equals(leg));

        assertThat(gone.getCause()).isEqualTo(17);
        assertThat(gone.getCause_txt()).isEqualTo("User busy");
    }

    @Test
    void aSecondHangupIsA404AsTheAgentExpects() throws Exception {
        String leg = "twice";
        ari.channels().create("PJSIP/4420700002@vendor-c", APP).setChannelId(leg).execute();
        received.await(StasisStart.class, s -> s.getChannel().getId().equals(leg));
        ari.channels().hangup(leg).setReason_code("16").execute();

        assertThatThrownBy(() -> ari.channels().hangup(leg).setReason_code("16").execute())
                .isInstanceOf(RestException.class)
                .satisfies(e -> assertThat(((RestException) e).getCode()).isEqualTo(404));
    }

    /** Events as ari4java hands them over, on its Netty threads. */
    private static final class Received implements AriWSCallback<Message> {
        private final List<Message> messages = new ArrayList<>();
        private boolean connected;
        private final List<RestException> failures = new ArrayList<>();

        @Override
        public synchronized void onSuccess(Message message) {
            messages.add(message);
            notifyAll();
        }

        @Override
        public synchronized void onFailure(RestException e) {
            failures.add(e);
            notifyAll();
        }

        @Override
        public synchronized void onConnectionEvent(AriConnectionEvent event) {
            connected = event == AriConnectionEvent.WS_CONNECTED;
            notifyAll();
        }

        synchronized void awaitConnected() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!connected) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("ari4java connected its event socket").isPositive();
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }

        synchronized <T extends Message> T await(Class<T> type, Predicate<T> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (true) {
                for (Message m : messages) {
                    if (type.isInstance(m) && wanted.test(type.cast(m))) {
                        return type.cast(m);
                    }
                }
                assertThat(failures).as("events ari4java could not read").isEmpty();
                long left = deadline - System.nanoTime();
                assertThat(left).as("a " + type.getSimpleName() + " within 15 s; got "
                        + messages.stream().map(Message::getType).toList()).isPositive();
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }
}
