package io.tollgate.ingest.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.tollgate.core.csv.Fields;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What one value in the file (or in an environment variable) must look like. A parser signals a bad value by
 * throwing; the problem then reads {@code must be <expected>, got '<text>'}. A {@link Refusal} replaces that sentence
 * with its own, for values that must not be echoed (a URL carrying a password).
 *
 * @param expected what a good value looks like, as the end of "must be ..."
 */
record ValueFormat<T>(String expected, Function<String, T> parser) {
    /** Ids end up in Kafka keys, instruction subjects ({@code block:customer:ID}), file names and SQL. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:[0-9]{1,5}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** A value refused with a message of its own. */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    static final ValueFormat<String> TEXT = new ValueFormat<>("non-blank text", text -> {
        if (text.isBlank()) {
            throw new IllegalArgumentException();
        }
        return text.strip();
    });

    private static final CronParser UNIX_CRON =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** A UNIX cron expression of schedules: five fields, and a date that matches (30 February never comes). */
    static final ValueFormat<String> CRON = new ValueFormat<>(
            "a cron expression of five fields (minute hour day-of-month month day-of-week), like 0 6 1 * *", text -> {
                String cron = text.strip();
                Cron parsed = UNIX_CRON.parse(cron).validate();
                if (ExecutionTime.forCron(parsed).nextExecution(ZonedDateTime.now(ZoneOffset.UTC)).isEmpty()) {
                    throw new Refusal("never comes: no date matches '" + cron + "'");
                }
                return cron;
            });

    static final ValueFormat<String> ID_FORMAT = new ValueFormat<>(
            "an id of letters, digits, '.', '_' and '-' (no ':', at most 64)", text -> {
                if (text.indexOf(':') >= 0) {
                    throw new Refusal("must not contain ':' (it separates the parts of instruction subjects), got '"
                            + text + "'");
                }
                if (!ID.matcher(text).matches()) {
                    throw new IllegalArgumentException();
                }
                return text;
            });

    static final ValueFormat<BigDecimal> AMOUNT = new ValueFormat<>("a plain decimal >= 0, like 5000.00", text -> {
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException();
        }
        return Fields.decimal(text);
    });

    static final ValueFormat<BigDecimal> FRACTION = new ValueFormat<>("a decimal from 0 to 1 (20% is 0.20)", text -> {
        BigDecimal value = AMOUNT.parser.apply(text);
        if (value.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException();
        }
        return value;
    });

    static final ValueFormat<Currency> CURRENCY = new ValueFormat<>("an ISO 4217 currency code, like EUR", text -> {
        if (!text.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException();
        }
        return Currency.getInstance(text);
    });

    static final ValueFormat<ZoneId> TIME_ZONE = new ValueFormat<>("a time zone, like Europe/Berlin or UTC", ZoneId::of);

    static final ValueFormat<String> COUNTRY = new ValueFormat<>("an ISO 3166 two-letter country code, like DE", text -> {
        if (!COUNTRIES.contains(text)) {
            throw new IllegalArgumentException();
        }
        return text;
    });

    static final ValueFormat<LocalDate> DATE = new ValueFormat<>("an ISO date, like 2026-01-05", LocalDate::parse);

    static final ValueFormat<DayOfWeek> WEEKDAY = new ValueFormat<>("a weekday, like monday",
            text -> DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT)));

    static final ValueFormat<String> KAFKA_BOOTSTRAP = new ValueFormat<>(
            "host:port, or several separated by commas", text -> {
                for (String server : text.split(",", -1)) {
                    if (!HOST_PORT.matcher(server.strip()).matches() || port(server) > 65535) {
                        throw new IllegalArgumentException();
                    }
                }
                return text;
            });

    static final ValueFormat<URI> HTTP_URL = new ValueFormat<>("an http or https URL, like http://127.0.0.1:8081",
            text -> httpUrl(text));

    /** JDBC, as {@code tollgate db migrate} and the ClickHouse driver take it. */
    static final ValueFormat<String> CLICKHOUSE_URL = new ValueFormat<>(
            "a ClickHouse JDBC URL without database, like jdbc:clickhouse://127.0.0.1:8123", text -> {
                String rest = text.startsWith("jdbc:clickhouse:") ? text.substring("jdbc:clickhouse:".length())
                        : text.startsWith("jdbc:ch:") ? text.substring("jdbc:ch:".length()) : null;
                if (rest == null) {
                    throw new IllegalArgumentException();
                }
                httpUrl(rest.startsWith("//") ? "http:" + rest : rest);
                return text;
            });

    static ValueFormat<Integer> wholeNumber(int min) {
        return new ValueFormat<>("a whole number >= " + min, text -> {
            int value = Fields.wholeNumber(text);
            if (value < min) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    static ValueFormat<Integer> wholeNumber(int min, int max) {
        return new ValueFormat<>("a whole number from " + min + " to " + max, text -> {
            int value = Fields.wholeNumber(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        });
    }

    static ValueFormat<String> oneOf(List<String> words) {
        return new ValueFormat<>("one of " + String.join(", ", words), text -> {
            if (!words.contains(text)) {
                throw new IllegalArgumentException();
            }
            return text;
        });
    }

    /** The value, or the reason it is refused: a message ready to follow the key path. */
    Parsed<T> parse(String text) {
        try {
            return new Parsed<>(parser.apply(text), null);
        } catch (Refusal e) {
            return new Parsed<>(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Parsed<>(null, "must be " + expected + ", got '" + text + "'");
        }
    }

    record Parsed<T>(T value, String problem) {
    }

    private static URI httpUrl(String text) {
        URI uri = URI.create(text);
        if (uri.getRawUserInfo() != null || (uri.getRawQuery() != null && uri.getRawQuery().contains("password"))) {
            // never echo it: the point is that a password is in it
            throw new Refusal("must not carry credentials: give the user on its own key and the password as "
                    + "password_file or an environment variable");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        return uri;
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1).strip());
    }
}
