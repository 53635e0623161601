package io.tollgate.agent;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.AriVersion;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import ch.loway.oss.ari4java.tools.AriConnectionEvent;
import ch.loway.oss.ari4java.tools.AriWSCallback;
import ch.loway.oss.ari4java.tools.RestException;
import io.tollgate.agent.ari.AriEvents;
import io.tollgate.agent.ari.AriHttp;
import io.tollgate.agent.ari.OrphanSweeper;
import io.tollgate.agent.ari.OrphanSweeper.Swept;
import io.tollgate.core.cdr.CallEvent;
import io.tollgate.sim.SwitchSim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tollgate.agent.AgentScenariosIT.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeper against the switch simulator, with call control on a fake switch: the simulator's customer legs
 * are in our application, and call control knows of one only if its StasisStart reached it.
 */
class OrphanSweeperTest {
    private final Rig rig = new Rig();
    private final Set<String> lostStasisStarts = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean loseStasisStarts = new AtomicBoolean();
    private final AtomicBoolean connected = new AtomicBoolean();
    private SwitchSim sim;
    private ARI ari;
    private OrphanSweeper sweeper;

    @BeforeEach
    void connect() throws Exception {
        sim = SwitchSim.start(SwitchSim.Options.defaults());
        String root = "http://127.0.0.1:" + sim.port() + "/";
        ari = ARI.build(root, "tollgate", "tollgate", "tollgate", AriVersion.ARI_10_0_0);
        AriHttp http = new AriHttp(root, "tollgate", "tollgate");
        ari.setHttpClient(http);
        sweeper = new OrphanSweeper(ari, http, "tollgate", rig.ids, rig.control);
        AriEvents events = new AriEvents(rig.control, rig.ids, e -> { }, sweeper::userEvent);
        ari.eventsCallback(new AriWSCallback<Message>() {
            @Override
            public void onSuccess(Message message) {
                if (loseStasisStarts.get() && message instanceof StasisStart start) {
                    lostStasisStarts.add(start.getChannel().getId());
                    return;
                }
                events.onSuccess(message);
            }

            @Override
            public void onFailure(RestException e) {
            }

            @Override
            public void onConnectionEvent(AriConnectionEvent event) {
                connected.set(event == AriConnectionEvent.WS_CONNECTED);
            }
        });
        waitFor(connected::get, "the event stream");
    }

    @AfterEach
    void close() throws Exception {
        ari.cleanup();
        sim.close();
        rig.close();
    }

    /** A customer call into our application, as the local stack's customer context places one. */
    private void customerCalls() throws Exception {
        long before = sim.stasisEntered("tollgate");
        ari.channels().originate("Local/2800510@from-customer").setContext("caller-wait").setExtension("s")
                .setPriority(1).execute();
        waitFor(() -> sim.stasisEntered("tollgate") > before, "the call to enter the application");
    }

    /** A customer call whose StasisStart never reaches call control, as in a WebSocket drop; its leg's id. */
    private String customerCallsAndItsStasisStartIsLost() throws Exception {
        loseStasisStarts.set(true);
        customerCalls();
        waitFor(() -> !lostStasisStarts.isEmpty(), "the StasisStart");
        return lostStasisStarts.iterator().next();
    }

    @Test
    void aCustomerLegWhoseStasisStartWasLostIsClearedAtTheConfirmationWithOneEnd() throws Exception {
        String leg = customerCallsAndItsStasisStartIsLost();

        assertThat(sweeper.sweep()).isEqualTo(new Swept(0, 0, 0, 1));
        assertThat(sweeper.confirm()).as("a look sooner than the settle time").isEqualTo(Swept.NOTHING);
        waitFor(() -> sweeper.confirm().orphanCalls() == 1, "the confirmation, once the suspect has settled");

        assertThat(rig.sink.of(leg)).singleElement().satisfies(end -> {
            assertThat(end.type()).isEqualTo(CallEvent.Type.END);
            assertThat(end.seq()).isEqualTo(CallControl.SWEEPER_SEQ);
        });
        waitFor(() -> !channelExists(leg), "the orphan's hangup");
    }

    @Test
    void aCustomerLegWhoseEventsRunLateIsOwnedOnceTheSweepHasCaughtUpWithTheStream() throws Exception {
        sim.faults().delayEvents(Duration.ofSeconds(3));
        customerCalls();
        assertThat(rig.control.active()).isZero();

        assertThat(sweeper.sweep()).isEqualTo(Swept.NOTHING);
        // the set-up itself runs on a call thread after the StasisStart, which the sweep only had to see
        waitFor(() -> rig.control.active() == 1, "call control to set the call up");
    }

    @Test
    void aCallThatEndsBetweenTheSweepAndTheConfirmationIsLeftAlone() throws Exception {
        String leg = customerCallsAndItsStasisStartIsLost();
        assertThat(sweeper.sweep().suspects()).isOne();

        ari.channels().hangup(leg).execute();
        waitFor(() -> !channelExists(leg), "the call's end");

        Thread.sleep(OrphanSweeper.SETTLE.toMillis()); // the confirmation's own wait, not a condition's
        assertThat(sweeper.confirm()).isEqualTo(Swept.NOTHING);
        assertThat(rig.sink.of(leg)).isEmpty();
    }

    private boolean channelExists(String id) {
        try {
            ari.channels().get(id).execute();
            return true;
        } catch (RestException e) {
            return false;
        }
    }
}
