package io.tollgate.app;

import io.tollgate.sim.SwitchSim;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tollgate sim}: the ARI-compatible switch simulator, until stopped. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Runs the switch simulator: ARI (REST and the event WebSocket) at http://127.0.0.1:PORT/ari,"
                + " set up like the local stack's Asterisk. Customer calls enter Stasis app 'tollgate' from"
                + " context from-customer (originate Local/<number>@from-customer) or over the 'caller' endpoint"
                + " (originate PJSIP/<number>@caller); vendor trunks vendor-a, vendor-b, vendor-c behave by number"
                + " prefix like the stack's simulated vendors (infra/README.md).",
                "Runs until stopped (Ctrl-C)."})
final class SimCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8089",
            description = "the port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "tollgate",
            description = "the ARI user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:TOLLGATE_SIM_PASSWORD:-tollgate}",
            description = "the ARI password (default: $TOLLGATE_SIM_PASSWORD, else tollgate; a simulator holds"
                    + " no secret, but prefer the variable: a command line is visible to every user)")
    String password;

    @Option(names = "--talk-time", paramLabel = "DURATION", defaultValue = "PT20S",
            description = "talk time of answered numbers without one of their own, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration talkTime;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the vendor profiles' random draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--drop-websocket-every", paramLabel = "DURATION",
            description = "fault: drop every event WebSocket this often, ISO-8601 (such as PT30S)")
    Duration dropEvery;

    @Option(names = "--fail-requests", paramLabel = "SHARE",
            description = "fault: answer this share of REST requests with 500 (such as 0.01)")
    Double failShare;

    @Option(names = "--delay-events", paramLabel = "DURATION", description = "fault: send every event this late")
    Duration delay;

    @Override
    public Integer call() throws Exception {
        if (failShare != null && (failShare < 0 || failShare > 1)) {
            throw Options.bad("--fail-requests", "a share between 0 and 1, got " + failShare);
        }
        SwitchSim sim = SwitchSim.start(SwitchSim.Options.builder().port(port).user(user).password(password)
                .talkTime(talkTime).seed(seed).build());
        if (dropEvery != null) {
            sim.faults().dropEventSocketsEvery(dropEvery);
        }
        if (failShare != null) {
            sim.faults().failRequests(failShare);
        }
        if (delay != null) {
            sim.faults().delayEvents(delay);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "sim-stop"));
        spec.commandLine().getOut().printf("switch simulator: ARI at %s (user %s)%n", sim.ariUri(), user);
        spec.commandLine().getOut().flush();
        stopped.await();
        return Tollgate.OK;
    }
}
