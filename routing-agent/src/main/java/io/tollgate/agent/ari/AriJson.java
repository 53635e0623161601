package io.tollgate.agent.ari;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.DateDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import ch.loway.oss.ari4java.tools.BaseAriAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Date;

/**
 * Makes ari4java's event reading cheaper. Reading events took 63 % of the agent's CPU at 200 calls/s (JFR), and of
 * that 28 % went to parsing timestamps with Jackson's general date format (regular expressions) and much of the
 * rest to setting model properties through reflection. ari4java keeps one private mapper for all its JSON; this
 * registers on it a reader for the one timestamp form ARI writes ({@code 2026-11-27T11:49:00.123+0000}; anything
 * else goes to Jackson's reader as before) and Blackbird, which sets properties through generated lambdas.
 */
public final class AriJson {
    private static final Logger log = LoggerFactory.getLogger(AriJson.class);
    private static final int LENGTH = "2026-11-27T11:49:00.123+0000".length();

    private AriJson() {
    }

    /** Registers both on ari4java's mapper; if its layout changed, says so and leaves it as it is. */
    public static void tune() {
        try {
            Field field = BaseAriAction.class.getDeclaredField("mapper");
            field.setAccessible(true);
            ObjectMapper mapper = (ObjectMapper) field.get(null);
            mapper.registerModule(new SimpleModule("ari-dates").addDeserializer(Date.class, new Reader()));
            mapper.registerModule(new BlackbirdModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("ari4java's JSON mapper could not be tuned ({}); events are read as before, more slowly", e.toString());
        }
    }

    /** ARI's timestamp form parsed by position; null when {@code s} is not exactly in it. */
    static Date parse(String s) {
        if (s.length() != LENGTH || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != '.'
                || (s.charAt(23) != '+' && s.charAt(23) != '-')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = digits(s, 20, 3);
        int offsetHours = digits(s, 24, 2);
        int offsetMinutes = digits(s, 26, 2);
        if ((year | month | day | hour | minute | second | millis | offsetHours | offsetMinutes) < 0
                || hour > 23 || minute > 59 || second > 59 || offsetHours > 18 || offsetMinutes > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        int offset = (s.charAt(23) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset;
        return new Date(seconds * 1000 + millis);
    }

    /** The decimal number in {@code s} at {@code from}, {@code n} digits long; -1 if any is not a digit. */
    private static int digits(String s, int from, int n) {
        int value = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static final class Reader extends StdScalarDeserializer<Date> {
        Reader() {
            super(Date.class);
        }

        @Override
        public Date deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Date fast = parse(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return DateDeserializers.DateDeserializer.instance.deserialize(p, ctxt);
        }
    }
}
