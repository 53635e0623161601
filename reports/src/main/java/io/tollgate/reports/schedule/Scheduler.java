package io.tollgate.reports.schedule;

import com.cronutils.model.time.ExecutionTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ScheduledTask}s at their slots, on one thread, one task at a time.
 *
 * <p>Slots are wall-clock times in each task's zone, as cron reads them: a slot that falls in the hour skipped when
 * clocks go forward runs at the first moment after the jump (02:30 runs at 03:00), and one in the hour repeated when
 * clocks go back runs once, the first time. So a daily task runs once every local day, DST days included.
 *
 * <p>The first slot of a task is the first one after the scheduler is created: slots before are not caught up
 * ({@code tollgate export} reruns a missed period by hand). A slot that comes while another task still runs, or while
 * the machine sleeps, runs late, once. A task that fails is logged and runs again at its next slot.
 *
 * <p>{@link #runDue} does one round of work for a given instant and is what tests call, with no thread and no
 * sleeping; {@link #start} runs rounds on the scheduler's own thread until {@link #close}.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** The loop reads the clock again at least this often, so that a clock set forward is noticed. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    /** How long {@link #close} lets a running task finish before interrupting it. */
    private static final long GRACE_SECONDS = 30;

    /** One slot that was run; {@code failure} is null when the task succeeded. */
    public record Run(String task, ZonedDateTime slot, Exception failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    /** A task and where it stands: the wall-clock time of its next slot (null when its schedule has no more). */
    private static final class Entry {
        final ScheduledTask task;
        final ExecutionTime times;
        LocalDateTime next;

        Entry(ScheduledTask task, LocalDateTime after) {
            this.task = task;
            this.times = ExecutionTime.forCron(task.cron());
            this.next = after(after);
        }

        /** The first slot strictly after {@code wall}, as wall-clock time (computed on a zone without DST). */
        LocalDateTime after(LocalDateTime wall) {
            Optional<ZonedDateTime> next = times.nextExecution(wall.atZone(ZoneOffset.UTC));
            return next.map(ZonedDateTime::toLocalDateTime).orElse(null);
        }

        ZonedDateTime nextSlot() {
            return next == null ? null : inZone(next, task.zone());
        }
    }

    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private final Object lock = new Object();
    private ScheduledExecutorService thread;
    private volatile boolean closed;

    /** The tasks, each from its first slot after {@code clock}'s present. */
    public Scheduler(List<ScheduledTask> tasks, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock is required");
        Instant now = clock.instant();
        for (ScheduledTask task : tasks) {
            entries.add(new Entry(task, now.atZone(task.zone()).toLocalDateTime()));
        }
    }

    /** Each task's next slot, in the order the tasks were given; a task whose schedule has no more slots is absent. */
    public Map<String, ZonedDateTime> nextSlots() {
        synchronized (lock) {
            Map<String, ZonedDateTime> slots = new LinkedHashMap<>();
            for (Entry e : entries) {
                if (e.next != null) {
                    slots.put(e.task.name(), e.nextSlot());
                }
            }
            return slots;
        }
    }

    /**
     * Runs every slot due at {@code now} (at or before it), earliest first, each once, and moves each task to its
     * next slot. A failing task is logged and does not stop the others.
     *
     * @return the slots run, in the order they ran
     */
    public List<Run> runDue(Instant now) {
        synchronized (lock) {
            List<Run> runs = new ArrayList<>();
            for (Entry due = firstDue(now); due != null && !closed; due = firstDue(now)) {
                ZonedDateTime slot = due.nextSlot();
                due.next = due.after(due.next);
                runs.add(run(due.task, slot));
            }
            return runs;
        }
    }

    /** Starts running slots on the scheduler's thread (a daemon named {@code tollgate-scheduler}). */
    public void start() {
        synchronized (lock) {
            if (thread != null || closed) {
                throw new IllegalStateException(closed ? "the scheduler is closed" : "the scheduler runs already");
            }
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "tollgate-scheduler");
                t.setDaemon(true);
                return t;
            });
            // on close, the round waiting for the next slot is dropped; only a task already running is waited for
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            thread = executor;
            thread.execute(this::round);
        }
    }

    /** Stops: no slot starts any more; a running task has {@value #GRACE_SECONDS} s to finish, then is interrupted. */
    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService running = thread;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("a scheduled task still runs after {} s; interrupting it", GRACE_SECONDS);
                running.shutdownNow();
                running.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One round on the thread: run what is due, then wait until the next slot (or {@link #LONGEST_WAIT}). */
    private void round() {
        if (closed) {
            return;
        }
        runDue(clock.instant());
        Duration wait = LONGEST_WAIT;
        Instant now = clock.instant();
        synchronized (lock) {
            for (Entry e : entries) {
                if (e.next != null) {
                    Duration until = Duration.between(now, e.nextSlot().toInstant());
                    wait = until.compareTo(wait) < 0 ? until : wait;
                }
            }
        }
        long millis = Math.max(wait.toMillis(), 1);
        try {
            thread.schedule(this::round, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: no more rounds
        }
    }

    private Entry firstDue(Instant now) {
        return entries.stream().filter(e -> e.next != null && !e.nextSlot().toInstant().isAfter(now))
                .min(Comparator.comparing((Entry e) -> e.nextSlot().toInstant())).orElse(null);
    }

    private static Run run(ScheduledTask task, ZonedDateTime slot) {
        LOG.info("{}: slot {} starts", task.name(), slot);
        try {
            task.work().run(slot);
            LOG.info("{}: slot {} done", task.name(), slot);
            return new Run(task.name(), slot, null);
        } catch (Exception e) {
            LOG.error("{}: slot {} failed; the task runs again at its next slot", task.name(), slot, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Run(task.name(), slot, e);
        }
    }

    /**
     * A wall-clock time as an instant in {@code zone}: in the gap when clocks go forward, the first moment after it;
     * in the overlap when they go back, the first of the two.
     */
    static ZonedDateTime inZone(LocalDateTime wall, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(wall);
        if (transition != null && transition.isGap()) {
            return transition.getDateTimeAfter().atZone(zone);
        }
        return ZonedDateTime.ofLocal(wall, zone, null);
    }
}
