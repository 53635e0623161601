package io.tollgate.core.csv;

import java.util.regex.Pattern;

/**
 * Keeps a CSV field from being run as a formula when finance opens the file in a spreadsheet (CSV injection):
 * text that begins with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, which spreadsheets
 * read as "this is text" and do not show. Numbers are left alone, so that {@code -0.017} stays a number and
 * {@code +4930123} a phone number; a formula never looks like one.
 */
public final class SpreadsheetSafe {
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    private SpreadsheetSafe() {
    }

    public static String cell(String value) {
        if (value == null || value.isEmpty() || !triggers(value.charAt(0)) || NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }

    private static boolean triggers(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
