package io.tollgate.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The streaming jobs' shaded job jar that the build leaves in {@code streaming-jobs/target}
 * ({@code tollgate-streaming-jobs-VERSION-job.jar}); built with Maven when a checkout has none yet.
 */
final class JobJar {
    private static final String SUFFIX = "-job.jar";

    private JobJar() {
    }

    /** The checkout: $TOLLGATE_HOME (the launcher sets it), else the nearest folder above here with streaming-jobs/. */
    static Optional<Path> home() {
        String env = System.getenv("TOLLGATE_HOME");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("streaming-jobs/pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The newest job jar under {@code home}/streaming-jobs/target, if the build made one. */
    static Optional<Path> built(Path home) throws IOException {
        Path target = home.resolve("streaming-jobs/target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().startsWith("tollgate-streaming-jobs-")
                            && f.getFileName().toString().endsWith(SUFFIX))
                    .max(Comparator.comparing(JobJar::modified));
        }
    }

    /** The built jar, building it first (telling so on {@code err}) when the checkout has none. */
    static Path locate(PrintWriter err) throws Exception {
        Path home = home().orElseThrow(() -> Options.bad("--jar", "no Tollgate checkout here (streaming-jobs/ not"
                + " found above " + Path.of("").toAbsolutePath() + ", $TOLLGATE_HOME unset): pass --jar with the path of"
                + " tollgate-streaming-jobs-VERSION" + SUFFIX));
        Optional<Path> jar = built(home);
        if (jar.isPresent()) {
            return jar.get();
        }
        build(home, err);
        return built(home).orElseThrow(() -> new IllegalStateException("the build finished but left no *" + SUFFIX
                + " in " + home.resolve("streaming-jobs/target")));
    }

    private static void build(Path home, PrintWriter err) throws IOException, InterruptedException {
        List<String> command = List.of("mvn", "-B", "-q", "-DskipTests", "-pl", "streaming-jobs", "-am", "package");
        Path log = home.resolve("streaming-jobs/target/build-job-jar.log");
        Files.createDirectories(log.getParent());
        err.println("tollgate: the job jar is not built yet; building it (" + String.join(" ", command)
                + ", about a minute; log: " + log + ")");
        err.flush();
        Process p;
        try {
            p = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run Maven to build the job jar (" + e.getMessage() + "): install Maven, or"
                    + " pass --jar with a built tollgate-streaming-jobs-VERSION" + SUFFIX, e);
        }
        if (p.waitFor() != 0) {
            throw new IOException("building the job jar failed; the log is " + log);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
