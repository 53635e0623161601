package io.tollgate.app;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.Fields;
import io.tollgate.core.csv.InputProblem;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parsing of option values shared by the commands, refusing with the option's name. */
final class Options {
    private static final String SOURCE = "command line";

    private Options() {
    }

    static BadInputException bad(String option, String message) {
        return new BadInputException(new InputProblem(SOURCE, 0, option, message));
    }

    /** ISO-8601 with an offset or Z, as every time on the command line. */
    static Instant time(String option, String text) throws BadInputException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(option, "'" + text + "' is not an ISO-8601 time with offset, like 2026-01-01T12:00:00Z");
        }
    }

    /** Who does it: {@code by}, else the OS user; refused when neither names anyone. */
    static String user(String by, String doing) throws BadInputException {
        String name = by != null ? by : System.getProperty("user.name", "");
        if (name.isBlank()) {
            throw bad("--by", "no OS user name is known; say who " + doing + " with --by NAME");
        }
        return name.strip();
    }

    /** A plain non-negative decimal. */
    static BigDecimal amount(String option, String text) throws BadInputException {
        try {
            BigDecimal value = Fields.decimal(text);
            if (value.signum() >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(option, "'" + text + "' is not a non-negative decimal number");
    }

    /** Where a server listens. */
    record HostPort(String host, int port) {
    }

    /** {@code HOST:PORT}, port 0 to 65535 (0: any free port). */
    static HostPort hostPort(String option, String text) throws BadInputException {
        int colon = text.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw bad(option, "must be HOST:PORT, like 127.0.0.1:8090, got '" + text + "'");
        }
        return new HostPort(text.substring(0, colon), port);
    }
}
