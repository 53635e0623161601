package io.tollgate.core.csv;

/**
 * One thing wrong with one piece of input, located so a person can find and fix it.
 *
 * @param source file name (or topic/offset) the input came from
 * @param line   1-based line in the file; 0 when the problem is about the whole input
 * @param field  the column (or option) at fault; empty when the whole row is at fault
 */
public record InputProblem(String source, long line, String field, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(source);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (!field.isEmpty()) {
            s.append("field '").append(field).append("': ");
        }
        return s.append(message).toString();
    }
}
