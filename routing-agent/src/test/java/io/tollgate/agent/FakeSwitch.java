package io.tollgate.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A switch that records what call control asks and answers at once, unless told to hold an operation (to
 * test what happens while it is outstanding) or to refuse it. It also keeps which channels and bridges exist,
 * so a test can assert that nothing is left.
 */
final class FakeSwitch implements Switch {
    final List<String> operations = new ArrayList<>();
    final java.util.Set<String> channels = ConcurrentHashMap.newKeySet();
    final java.util.Set<String> bridges = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
    private Predicate<String> hold = op -> false;
    private Predicate<String> refuse = op -> false;
    /** Told of every vendor leg created, as Asterisk sends StasisStart for it. */
    java.util.function.Consumer<String> entered = leg -> {
    };

    void holding(Predicate<String> operation) {
        hold = operation;
    }

    void refusing(Predicate<String> operation) {
        refuse = operation;
    }

    /** Completes the held operation. */
    void release(String operation) {
        held.remove(operation).complete(null);
    }

    /** Fails the held operation, as a switch answering 500 would, without its effect. */
    void fail(String operation) {
        held.remove(operation).completeExceptionally(new IllegalStateException("failed: " + operation));
    }

    List<String> operations(String kind) {
        synchronized (operations) {
            return operations.stream().filter(o -> o.startsWith(kind + " ")).toList();
        }
    }

    @Override
    public CompletionStage<Void> createBridge(String bridgeId) {
        return op("createBridge " + bridgeId, () -> bridges.add(bridgeId));
    }

    @Override
    public CompletionStage<Void> addToBridge(String bridgeId, String channelId) {
        return op("addToBridge " + bridgeId + " " + channelId, () -> {
        });
    }

    @Override
    public CompletionStage<Void> ring(String channelId) {
        return op("ring " + channelId, () -> {
        });
    }

    @Override
    public CompletionStage<Void> answer(String channelId) {
        return op("answer " + channelId, () -> {
        });
    }

    @Override
    public CompletionStage<Void> createChannel(String channelId, String endpoint, String callerId) {
        return op("createChannel " + channelId + " " + endpoint, () -> {
            channels.add(channelId);
            entered.accept(channelId);
        });
    }

    @Override
    public CompletionStage<Void> dial(String channelId, int timeoutSeconds) {
        return op("dial " + channelId, () -> {
        });
    }

    @Override
    public CompletionStage<Void> hangup(String channelId, int cause) {
        return op("hangup " + channelId + " " + cause, () -> channels.remove(channelId));
    }

    @Override
    public CompletionStage<Void> destroyBridge(String bridgeId) {
        return op("destroyBridge " + bridgeId, () -> bridges.remove(bridgeId));
    }

    private CompletionStage<Void> op(String operation, Runnable effect) {
        synchronized (operations) {
            operations.add(operation);
        }
        if (refuse.test(operation)) {
            return CompletableFuture.failedFuture(new IllegalStateException("refused: " + operation));
        }
        if (hold.test(operation)) {
            CompletableFuture<Void> later = new CompletableFuture<>();
            held.put(operation, later);
            return later.thenRun(effect);
        }
        effect.run();
        return CompletableFuture.completedFuture(null);
    }
}
