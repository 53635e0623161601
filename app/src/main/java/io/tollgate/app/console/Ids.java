package io.tollgate.app.console;

import java.util.regex.Pattern;

/**
 * The checks ids from a request pass before they reach SQL or a Kafka key: the configuration's id format (letters,
 * digits, '.', '_' and '-', at most 64, never ':'), E.164 prefixes and alert ids.
 */
final class Ids {
    /** As ValueFormat.ID_FORMAT of the configuration reads customer and vendor ids. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,15}");
    /** RaisedAlert.alertId(): hex of a SHA-256. */
    private static final Pattern ALERT_ID = Pattern.compile("[0-9a-f]{8,64}");

    private Ids() {
    }

    static String id(String field, String value) {
        if (value != null && !ID.matcher(value).matches()) {
            throw new BadRequest(field, "must be an id of letters, digits, '.', '_' and '-' (at most 64)");
        }
        return value;
    }

    static String prefix(String field, String value) {
        if (value != null && !PREFIX.matcher(value).matches()) {
            throw new BadRequest(field, "must be 1 to 15 digits of an E.164 number, without '+'");
        }
        return value;
    }

    static String alertId(String value) {
        if (!ALERT_ID.matcher(value).matches()) {
            throw new BadRequest("id", "must be an alert id (lower-case hex)");
        }
        return value;
    }
}
