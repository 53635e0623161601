package io.tollgate.rules;

import java.util.List;

/** A rule set that does not compile, or that compiles but breaks the conventions the runtime relies on. */
public class RuleSetException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RuleSetException(String source, List<String> problems) {
        super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code source:line: message}. */
    public List<String> problems() {
        return problems;
    }
}
