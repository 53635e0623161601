package io.tollgate.agent;

import java.time.Duration;
import java.util.Set;

/**
 * How one routing agent runs, beside the reference data of tollgate.yaml.
 *
 * @param app          the Stasis application the dialplan sends customer calls to
 * @param agentId      names this agent in events, channel ids and acknowledgements; unique per Asterisk
 * @param httpHost     where /metrics and /health listen (loopback unless told otherwise)
 * @param httpPort     0 picks a free port
 * @param dialTimeout  how long a vendor may ring before the attempt counts as no answer
 * @param longestCall  no call lasts longer, whatever the customer's credit
 * @param routeLimit   vendors tried per call at most; 0 = every vendor that qualifies
 * @param eventBuffer  call events held while Kafka does not take them; beyond it new calls are refused
 * @param stopCauses   vendor causes that end a call instead of trying the next vendor
 * @param callThreads  threads running call logic
 */
public record AgentOptions(String app, String agentId, String httpHost, int httpPort, Duration dialTimeout,
                           Duration longestCall, int routeLimit, int eventBuffer, Set<Integer> stopCauses,
                           int callThreads) {

    public static AgentOptions defaults() {
        return new AgentOptions("tollgate", "agent1", "127.0.0.1", 9464, Duration.ofSeconds(60), Duration.ofHours(4),
                0, 100_000, CausePolicy.DEFAULT.stopOn(), 4);
    }

    public AgentOptions withHttpPort(int port) {
        return new AgentOptions(app, agentId, httpHost, port, dialTimeout, longestCall, routeLimit, eventBuffer,
                stopCauses, callThreads);
    }

    public AgentOptions withAgentId(String id) {
        return new AgentOptions(app, id, httpHost, httpPort, dialTimeout, longestCall, routeLimit, eventBuffer,
                stopCauses, callThreads);
    }

    public AgentOptions withLongestCall(Duration longest) {
        return new AgentOptions(app, agentId, httpHost, httpPort, dialTimeout, longest, routeLimit, eventBuffer,
                stopCauses, callThreads);
    }

    public AgentOptions withDialTimeout(Duration timeout) {
        return new AgentOptions(app, agentId, httpHost, httpPort, timeout, longestCall, routeLimit, eventBuffer,
                stopCauses, callThreads);
    }
}
