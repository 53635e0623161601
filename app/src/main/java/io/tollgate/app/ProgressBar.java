package io.tollgate.app;

import io.tollgate.ingest.cdr.ImportProgress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress bar of a long import (decks, CDR files), on standard error: nothing for the first second (most
 * imports are done by then), then {@code storing vendor:b version 3 [#######.......]  48%} redrawn by a ticker
 * thread five times a second, so the reading and storing loops only bump a counter. Silent when not run in a terminal, so logs, pipes
 * and tests get no carriage-return noise.
 */
final class ProgressBar implements AutoCloseable, ImportProgress {
    private static final long QUIET_MS = 1000;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final ScheduledExecutorService ticker;
    private final AtomicLong done = new AtomicLong();
    private volatile String stage = "";
    private volatile long total = 1;
    private volatile long startedAt;
    private boolean drawn;

    private ProgressBar(PrintWriter err, boolean shown) {
        this.err = err;
        this.ticker = shown ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "import-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::draw, 200, 200, TimeUnit.MILLISECONDS);
        }
    }

    /** A progress bar shown only when the command runs in a terminal. */
    static ProgressBar onTerminal(PrintWriter err) {
        return new ProgressBar(err, System.console() != null && !"dumb".equals(System.getenv("TERM")));
    }

    /** Starts a stage of {@code total} units (bytes, rows). */
    void stage(String name, long total) {
        this.total = Math.max(total, 1);
        this.done.set(0);
        this.startedAt = System.currentTimeMillis();
        this.stage = name;
    }

    /** Units done so far in the current stage. */
    void done(long units) {
        done.set(units);
    }

    /** The CDR import's report of a pass: each pass is a stage measured in bytes of the file. */
    @Override
    public void at(String pass, long bytes, long total, long rows) {
        if (!pass.equals(stage)) {
            stage(pass, total);
        }
        done(bytes);
    }

    private synchronized void draw() {
        if (stage.isEmpty() || System.currentTimeMillis() - startedAt < QUIET_MS) {
            return;
        }
        int percent = (int) Math.min(100, done.get() * 100 / total);
        int filled = percent * WIDTH / 100;
        err.print(String.format(Locale.ROOT, "\r%-40.40s [%s%s] %3d%%", stage, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent));
        err.flush();
        drawn = true;
    }

    /** Ends the stage and erases the bar, so the next line of output starts clean. */
    synchronized void clear() {
        stage = "";
        if (drawn) {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
            drawn = false;
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
    }
}
