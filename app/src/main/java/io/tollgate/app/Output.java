package io.tollgate.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes its CSV: a file given by {@code --out}, or standard output.
 *
 * <p>Output goes to a temporary file first and is moved (or copied to standard output) only when the command
 * succeeds, so bad input found on row 900,000 leaves nothing half-written behind.
 */
final class Output implements AutoCloseable {
    private final Path target;
    private final PrintWriter stdout;
    private final Path temp;
    private final Writer writer;
    private boolean committed;

    Output(Path target, PrintWriter stdout) throws IOException {
        this.target = target;
        this.stdout = stdout;
        Path dir = target == null ? null : target.toAbsolutePath().getParent();
        this.temp = dir == null ? Files.createTempFile("tollgate-", ".csv") : Files.createTempFile(dir, ".tollgate-", ".tmp");
        this.writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
    }

    Writer writer() {
        return writer;
    }

    /** Publishes what was written. */
    void commit() throws IOException {
        writer.close();
        if (target == null) {
            try (var in = Files.newBufferedReader(temp, StandardCharsets.UTF_8)) {
                in.transferTo(stdout);
            }
            stdout.flush();
        } else {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        writer.close();
        if (!committed || target == null) {
            Files.deleteIfExists(temp);
        }
    }
}
