package io.tollgate.agent.ari;

import ch.loway.oss.ari4java.ARI;
import ch.loway.oss.ari4java.tools.RestException;
import io.tollgate.agent.Switch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@link Switch} over ARI. Each request's round trip is reported by operation name. Deleting what is already gone
 * (404) counts as done: hangups and bridge teardown are idempotent, as cleanup after duplicated or lost events
 * needs.
 *
 * <p>Requests are ari4java's synchronous ones, run on a pool of our own. Its asynchronous variant was tried
 * first and stalled here: answers without a body (204, most of call control's) never reached the callback
 * ({@code argument "content" is null} in its response handling), so every call waited out the 30 s read timeout.
 */
public final class AriSwitch implements Switch {
    /** Receives each ARI request's operation name and round-trip time. */
    @FunctionalInterface
    public interface Timing {
        void record(String operation, long nanos);
    }

    private final ARI ari;
    private final String app;
    private final Timing timing;
    private final Executor requests;

    /** @param requests the threads that send requests and wait for their answers */
    public AriSwitch(ARI ari, String app, Timing timing, Executor requests) {
        this.ari = ari;
        this.app = app;
        this.timing = timing;
        this.requests = requests;
    }

    @Override
    public CompletionStage<Void> createBridge(String bridgeId) {
        return call("bridge_create", () -> ari.bridges().create().setBridgeId(bridgeId).setType("mixing")
                .setName(bridgeId).execute(), false);
    }

    @Override
    public CompletionStage<Void> addToBridge(String bridgeId, String channelId) {
        return call("bridge_add", () -> ari.bridges().addChannel(bridgeId, channelId).execute(), false);
    }

    @Override
    public CompletionStage<Void> ring(String channelId) {
        return call("ring", () -> ari.channels().ring(channelId).execute(), false);
    }

    @Override
    public CompletionStage<Void> answer(String channelId) {
        return call("answer", () -> ari.channels().answer(channelId).execute(), false);
    }

    @Override
    public CompletionStage<Void> createChannel(String channelId, String endpoint, String callerId) {
        return call("channel_create", () -> {
            var request = ari.channels().create(endpoint, app).setChannelId(channelId).setFormats("ulaw,alaw");
            if (callerId != null && !callerId.isBlank()) {
                request.addVariables("CALLERID(num)", callerId);
            }
            request.execute();
        }, false);
    }

    @Override
    public CompletionStage<Void> dial(String channelId, int timeoutSeconds) {
        return call("dial", () -> ari.channels().dial(channelId).setTimeout(timeoutSeconds).execute(), false);
    }

    @Override
    public CompletionStage<Void> hangup(String channelId, int cause) {
        return call("hangup", () -> ari.channels().hangup(channelId).setReason_code(Integer.toString(cause)).execute(),
                true);
    }

    @Override
    public CompletionStage<Void> destroyBridge(String bridgeId) {
        return call("bridge_destroy", () -> ari.bridges().destroy(bridgeId).execute(), true);
    }

    /** Sends one request; {@code goneIsDone}: a 404 means the thing is already gone, which is what was asked. */
    private CompletionStage<Void> call(String operation, Request request, boolean goneIsDone) {
        return CompletableFuture.runAsync(() -> {
            long started = System.nanoTime();
            try {
                request.send();
            } catch (RestException e) {
                if (!(goneIsDone && e.getCode() == 404)) {
                    throw new CompletionException(new AriRequestException(operation, e));
                }
            } finally {
                timing.record(operation, System.nanoTime() - started);
            }
        }, requests);
    }

    @FunctionalInterface
    private interface Request {
        void send() throws RestException;
    }

    /** A refused or failed ARI request, naming the operation. */
    public static final class AriRequestException extends RuntimeException {
        AriRequestException(String operation, Exception cause) {
            super("ARI " + operation + ": " + cause.getMessage(), cause);
        }
    }
}
