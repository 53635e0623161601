package io.tollgate.core.csv;

import java.util.List;
import java.util.stream.Collectors;

/** Input refused as a whole; carries every problem found, each naming file, line and field. */
public final class BadInputException extends Exception {
    private static final int SHOWN = 50;

    private final transient List<InputProblem> problems;

    public BadInputException(List<InputProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public BadInputException(InputProblem problem) {
        this(List.of(problem));
    }

    public List<InputProblem> problems() {
        return problems;
    }

    private static String summary(List<InputProblem> problems) {
        String shown = problems.stream().limit(SHOWN).map(InputProblem::toString).collect(Collectors.joining("\n"));
        int more = problems.size() - SHOWN;
        return more > 0 ? shown + "\n... and " + more + " more problems" : shown;
    }
}
