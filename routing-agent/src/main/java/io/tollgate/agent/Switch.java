package io.tollgate.agent;

import java.util.concurrent.CompletionStage;

/**
 * The operations call control asks of the switch: ARI in production ({@code AriSwitch}), a fake in unit tests,
 * the switch simulator under load. Every stage completes exceptionally when the switch refuses; channel and
 * bridge ids are chosen by the agent, so a repeated request is recognisable as ours.
 */
public interface Switch {

    CompletionStage<Void> createBridge(String bridgeId);

    CompletionStage<Void> addToBridge(String bridgeId, String channelId);

    /** Sends ringing to the customer while vendors are tried. */
    CompletionStage<Void> ring(String channelId);

    CompletionStage<Void> answer(String channelId);

    /** Creates a vendor leg (not yet dialled) in the agent's application. */
    CompletionStage<Void> createChannel(String channelId, String endpoint, String callerId);

    CompletionStage<Void> dial(String channelId, int timeoutSeconds);

    /** Hangs a channel up with a Q.850 cause; hanging up a channel that is gone already is not an error. */
    CompletionStage<Void> hangup(String channelId, int cause);

    /** Destroys a bridge; destroying one that is gone already is not an error. */
    CompletionStage<Void> destroyBridge(String bridgeId);
}
