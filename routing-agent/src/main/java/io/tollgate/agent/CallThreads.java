package io.tollgate.agent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs each call's work in order on one thread of a small pool, chosen by call id: events of one call never
 * race, calls spread over the cores, and no ARI client thread ever runs call logic.
 */
public interface CallThreads {

    void run(String callId, Runnable task);

    /** Runs everything at once on the caller's thread: for tests whose switch answers synchronously. */
    CallThreads DIRECT = (callId, task) -> task.run();

    /** {@code threads} single-thread executors; close with {@link Pool#close()}. */
    static Pool pool(int threads) {
        return new Pool(threads);
    }

    final class Pool implements CallThreads, AutoCloseable {
        private final ExecutorService[] lanes;

        private Pool(int threads) {
            lanes = new ExecutorService[threads];
            for (int i = 0; i < threads; i++) {
                int lane = i;
                lanes[i] = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "call-" + lane);
                    t.setDaemon(true);
                    return t;
                });
            }
        }

        @Override
        public void run(String callId, Runnable task) {
            lanes[Math.floorMod(callId.hashCode(), lanes.length)].execute(task);
        }

        @Override
        public void close() throws InterruptedException {
            for (ExecutorService lane : lanes) {
                lane.shutdown();
            }
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }
}
