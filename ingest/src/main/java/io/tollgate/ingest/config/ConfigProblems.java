package io.tollgate.ingest.config;

import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.csv.InputProblem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything wrong with one configuration, collected rather than thrown one at a time, so a person fixes the file in
 * one pass. Each problem is named by key path ({@code customers[2].limits.cps}) and, where the YAML parser saw it,
 * by line; a problem with an environment variable is named by the variable.
 */
final class ConfigProblems {
    static final String ENVIRONMENT = "environment";

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<InputProblem> problems = new ArrayList<>();

    ConfigProblems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void locate(String path, int line) {
        lines.putIfAbsent(path, line);
    }

    void add(String path, String message) {
        problems.add(new InputProblem(source, lineOf(path), path, message));
    }

    void addEnvironment(String variable, String message) {
        problems.add(new InputProblem(ENVIRONMENT, 0, variable, message));
    }

    /** How many so far: a reader compares before and after to know whether what it read is whole. */
    int count() {
        return problems.size();
    }

    /** Throws every problem, in the file's order (environment variables last), as a person reads the file. */
    void throwIfAny() throws BadInputException {
        if (!problems.isEmpty()) {
            List<InputProblem> ordered = new ArrayList<>(problems);
            ordered.sort(Comparator.comparing((InputProblem p) -> p.source().equals(ENVIRONMENT))
                    .thenComparingLong(InputProblem::line));
            throw new BadInputException(ordered);
        }
    }

    /** The line of the path, else of the nearest enclosing path: a missing key is reported where its parent is. */
    private long lineOf(String path) {
        for (String p = path; ; p = KeyPath.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }
}
