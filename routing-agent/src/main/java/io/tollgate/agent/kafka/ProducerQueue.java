package io.tollgate.agent.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A first-in first-out queue in front of a Kafka producer, drained by a thread of its own.
 *
 * <p>{@code KafkaProducer.send} can block: while it waits for a topic's metadata (a broker outage as the agent
 * starts) and while its own buffer is full. Callers here only ever enqueue, so they never wait on Kafka. One thread
 * hands the items to the producer in the order they were offered, so records with the same key keep their order
 * (the idempotent producer keeps it through retries). Every item offered and accepted gets exactly one outcome:
 * delivered or failed.
 */
final class ProducerQueue<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerQueue.class);
    private static final long IDLE_POLL_MS = 100;
    private static final long INTERRUPTED_SEND_MS = 5_000;

    /** Whether {@link #offer} took the item. */
    enum Offer { ACCEPTED, FULL, CLOSED }

    /** What became of an accepted item. Called on the producer's I/O thread or while closing: keep it short. */
    interface Outcome<T> {
        void delivered(T item, long nanosSinceOffer);

        void failed(T item, Exception cause);
    }

    private static final class Entry<T> {
        final T item;
        final long offeredAt = System.nanoTime();
        final AtomicBoolean done = new AtomicBoolean();

        Entry(T item) {
            this.item = item;
        }
    }

    private final Producer<String, byte[]> producer;
    private final Function<T, ProducerRecord<String, byte[]>> toRecord;
    private final Outcome<T> outcome;
    private final int capacity;
    // Unbounded as a structure: the capacity is enforced on 'pending', which also counts what the producer holds.
    private final BlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread drainer;
    private volatile boolean closing;

    private ProducerQueue(String name, Producer<String, byte[]> producer, int capacity,
            Function<T, ProducerRecord<String, byte[]>> toRecord, Outcome<T> outcome) {
        if (capacity < 1) {
            throw new IllegalArgumentException(name + ": capacity must be at least 1, got " + capacity);
        }
        this.producer = producer;
        this.capacity = capacity;
        this.toRecord = toRecord;
        this.outcome = outcome;
        this.drainer = new Thread(this::drain, name);
        drainer.setDaemon(true);
    }

    /** A queue of at most {@code capacity} pending items whose drainer thread, named {@code name}, runs. */
    static <T> ProducerQueue<T> start(String name, Producer<String, byte[]> producer, int capacity,
            Function<T, ProducerRecord<String, byte[]>> toRecord, Outcome<T> outcome) {
        ProducerQueue<T> queue = new ProducerQueue<>(name, producer, capacity, toRecord, outcome);
        queue.drainer.start();
        return queue;
    }

    /** Enqueues {@code item} unless the queue is full or closed; never blocks. */
    Offer offer(T item) {
        if (closing) {
            return Offer.CLOSED;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return Offer.FULL;
        }
        Entry<T> entry = new Entry<>(item);
        queue.add(entry);
        // close() may have emptied the queue between the check above and the add: take the item back, or, if
        // the drainer or close() already took it, it will have its outcome from them.
        if (closing && queue.remove(entry)) {
            pending.decrementAndGet();
            return Offer.CLOSED;
        }
        return Offer.ACCEPTED;
    }

    /** Items accepted and not yet delivered or failed: queued here plus sent and not yet acknowledged. */
    int pending() {
        return pending.get();
    }

    int capacity() {
        return capacity;
    }

    private void drain() {
        try {
            while (true) {
                Entry<T> entry = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (entry == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                send(entry);
            }
        } catch (InterruptedException | InterruptException e) {
            // close() gave up waiting; what is still queued is failed there
        }
    }

    private void send(Entry<T> entry) {
        try {
            producer.send(toRecord.apply(entry.item), (metadata, e) -> complete(entry, e));
        } catch (InterruptException e) {
            complete(entry, e);
            throw e;
        } catch (RuntimeException e) {
            // encoding, or a producer error not passed to the callback
            complete(entry, e);
        }
    }

    private void complete(Entry<T> entry, Exception failure) {
        if (!entry.done.compareAndSet(false, true)) {
            return;
        }
        pending.decrementAndGet();
        try {
            if (failure == null) {
                outcome.delivered(entry.item, System.nanoTime() - entry.offeredAt);
            } else {
                outcome.failed(entry.item, failure);
            }
        } catch (RuntimeException e) {
            LOG.error("reporting the outcome of {} failed", entry.item, e);
        }
    }

    /**
     * Stops taking items and waits up to {@code timeout} for the queued ones to be sent and acknowledged; those that
     * are not by then fail (with {@link Outcome#failed}).
     */
    void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            drainer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (drainer.isAlive()) {
                // stuck in send(): waiting for metadata or for room in the producer's buffer
                drainer.interrupt();
                drainer.join(INTERRUPTED_SEND_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Entry<T> entry; (entry = queue.poll()) != null; ) {
            complete(entry, new IllegalStateException("closed before it was sent"));
        }
        // Fails whatever the producer still holds once the rest of the timeout is up.
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
