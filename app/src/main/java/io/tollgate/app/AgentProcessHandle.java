package io.tollgate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A routing agent run as its own process ({@code tollgate agent}), as in production, so that a load test reads
 * the agent's CPU and heap alone: CPU from /proc, heap through the JDK's jcmd (a full GC first when asked for
 * "after GC").
 */
final class AgentProcessHandle implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("metrics and health on http://([^/]+)/");
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final long CLOCK_TICKS_PER_S = 100;

    private final Process process;
    private final String http;

    private AgentProcessHandle(Process process, String http) {
        this.process = process;
        this.http = http;
    }

    /** Starts {@code tollgate agent ARGS} with {@code env} added, its output to {@code log}; waits until it serves. */
    static AgentProcessHandle start(List<String> args, Map<String, String> env, Path log, Duration patience)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Tollgate.class.getName(), "agent"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + patience.toNanos();
        try (var writer = Files.newBufferedWriter(log)) {
            for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
                writer.write(line);
                writer.newLine();
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    drain(out, log);
                    return new AgentProcessHandle(process, ready.group(1));
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the agent did not start; its output is in " + log);
    }

    /** Keeps appending the agent's output to its log, so its pipe never fills. */
    private static void drain(BufferedReader out, Path log) {
        Thread t = new Thread(() -> {
            try (var writer = Files.newBufferedWriter(log, java.nio.file.StandardOpenOption.APPEND)) {
                for (String line; (line = out.readLine()) != null; ) {
                    writer.write(line);
                    writer.newLine();
                    writer.flush();
                }
            } catch (IOException e) {
                // the agent went away: nothing more to log
            }
        }, "agent-output");
        t.setDaemon(true);
        t.start();
    }

    /** host:port of the agent's /metrics and /health. */
    String http() {
        return http;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** CPU seconds the process has used (user + system), from /proc/PID/stat. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command name: state is field 3, utime field 14 and stime field 15 of the whole line
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS_PER_S;
    }

    /** Heap in use now, in bytes; after a full GC when {@code collectFirst}. */
    long heapUsed(boolean collectFirst) throws IOException, InterruptedException {
        if (collectFirst) {
            jcmd("GC.run");
        }
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IOException("jcmd GC.heap_info gave no heap figure");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The live objects by class (jcmd runs a full GC first); the output is also written to {@code copy}. */
    HeapHistogram histogram(Path copy) throws IOException, InterruptedException {
        String out = jcmd("GC.class_histogram");
        Files.writeString(copy, out);
        return HeapHistogram.parse(out);
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(process.pid()), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    /** Stops the agent as an operator would (SIGTERM: it drains its events) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
