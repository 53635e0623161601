package io.tollgate.core.rating;

import io.tollgate.core.csv.InputProblem;

import java.util.List;

/** A deck row set aside by a quarantining import: the row as read, where it was, and what is wrong with it. */
public record QuarantinedRow(long line, List<String> values, List<InputProblem> problems) {
}
