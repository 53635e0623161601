package io.tollgate.app;

import io.tollgate.agent.AgentOptions;
import io.tollgate.agent.RoutingAgent;
import io.tollgate.ingest.config.TollgateConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tollgate agent}: runs the routing agent until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the routing agent: the ARI application that routes every customer call entering"
                + " Stasis by least cost, obeys the instructions on Kafka and streams every call event to Kafka.",
                "Customers, vendors, trunks, decks and service addresses come from the configuration; the ARI"
                        + " password from $TOLLGATE_ARI_PASSWORD (or services.ari.password_file).",
                "Runs until stopped; /metrics (Prometheus) and /health are served on --http."})
final class AgentCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:TOLLGATE_CONFIG:-tollgate.yaml}",
            description = "the configuration (default: $TOLLGATE_CONFIG, else tollgate.yaml here)")
    Path config;

    @Option(names = "--app", paramLabel = "NAME", defaultValue = "tollgate",
            description = "the Stasis application the dialplan sends customer calls to (default: ${DEFAULT-VALUE})")
    String app;

    @Option(names = "--agent-id", paramLabel = "ID", defaultValue = "${env:TOLLGATE_AGENT_ID:-agent1}",
            description = "this agent's name in events and channel ids; one per Asterisk (default: $TOLLGATE_AGENT_ID"
                    + " or ${DEFAULT-VALUE})")
    String agentId;

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9464",
            description = "where /metrics and /health listen (default: ${DEFAULT-VALUE}; port 0 picks a free one)")
    String http;

    @Option(names = "--dial-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long a vendor may ring before the attempt is given up (default: ${DEFAULT-VALUE})")
    int dialTimeout;

    @Option(names = "--max-call-duration", paramLabel = "DURATION", defaultValue = "PT4H",
            description = "no call lasts longer, whatever the credit; ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration longestCall;

    @Option(names = "--route-limit", paramLabel = "N", defaultValue = "0",
            description = "vendors tried per call at most; 0 = all that qualify (default: ${DEFAULT-VALUE})")
    int routeLimit;

    @Option(names = "--event-buffer", paramLabel = "EVENTS", defaultValue = "100000",
            description = "call events held while Kafka is unavailable; beyond it new calls are refused with cause"
                    + " 42 rather than events lost (default: ${DEFAULT-VALUE})")
    int eventBuffer;

    @Option(names = "--stop-causes", paramLabel = "CAUSE", split = ",", defaultValue = "16,17,18,19,21",
            description = "vendor causes (Q.850) that end the call instead of trying the next vendor"
                    + " (default: ${DEFAULT-VALUE})")
    Set<Integer> stopCauses;

    @Option(names = "--call-threads", paramLabel = "N", defaultValue = "4",
            description = "threads running call logic (default: ${DEFAULT-VALUE})")
    int callThreads;

    @Override
    public Integer call() throws Exception {
        TollgateConfig loaded = TollgateConfig.load(config);
        int colon = http.lastIndexOf(':');
        if (colon < 1) {
            throw Options.bad("--http", "'" + http + "' is not HOST:PORT");
        }
        AgentOptions options = new AgentOptions(app, agentId, http.substring(0, colon),
                Integer.parseInt(http.substring(colon + 1)), Duration.ofSeconds(dialTimeout), longestCall, routeLimit,
                eventBuffer, stopCauses, callThreads);
        RoutingAgent agent = RoutingAgent.start(loaded, options);
        CountDownLatch stopped = new CountDownLatch(1);
        // the JVM waits for shutdown hooks, not for this thread: the hook itself drains and closes the agent
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-stop"));
        spec.commandLine().getOut().printf("agent %s running; metrics and health on http://%s:%d/%n", agentId,
                options.httpHost(), agent.httpPort());
        spec.commandLine().getOut().flush();
        stopped.await();
        return Tollgate.OK;
    }
}
