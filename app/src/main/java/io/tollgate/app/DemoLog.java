package io.tollgate.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The demo tells its story on the terminal; what the services' clients, Flink and the jobs log meanwhile goes to a
 * file instead (logback.xml's stderr appender is swapped for it), and back when the demo stops.
 */
final class DemoLog implements AutoCloseable {
    private final Logger root;
    private final Appender<ILoggingEvent> terminal;
    private final FileAppender<ILoggingEvent> file;

    private DemoLog(Logger root, Appender<ILoggingEvent> terminal, FileAppender<ILoggingEvent> file) {
        this.root = root;
        this.terminal = terminal;
        this.file = file;
    }

    /** Moves the logs to {@code path}; does nothing under another logging backend (then it returns null). */
    static DemoLog toFile(Path path) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("demo-file");
        file.setFile(path.toString());
        file.setEncoder(encoder);
        file.start();
        Appender<ILoggingEvent> terminal = root.getAppender("stderr");
        root.addAppender(file);
        if (terminal != null) {
            root.detachAppender(terminal);
        }
        return new DemoLog(root, terminal, file);
    }

    @Override
    public void close() {
        if (terminal != null) {
            root.addAppender(terminal);
        }
        root.detachAppender(file);
        file.stop();
    }
}
