package io.tollgate.ingest.deadletter;

import java.util.List;

/** Where refused inputs go. Implementations may buffer; {@link #flush()} returns once every letter is stored. */
public interface DeadLetters extends AutoCloseable {

    void refuse(DeadLetter letter) throws DeadLetterException;

    void flush() throws DeadLetterException;

    /** Undoes what {@code batch} stored, where the store allows it (a topic does not); best effort. */
    default void withdraw(String batch) throws DeadLetterException {
    }

    /** Where the letters go, for the command's summary, e.g. {@code ClickHouse dead_letters}. */
    String describe();

    @Override
    void close() throws DeadLetterException;

    /** Every letter to each of {@code sinks}, in order. */
    static DeadLetters all(List<DeadLetters> sinks) {
        return new DeadLetters() {
            @Override
            public void refuse(DeadLetter letter) throws DeadLetterException {
                for (DeadLetters s : sinks) {
                    s.refuse(letter);
                }
            }

            @Override
            public void flush() throws DeadLetterException {
                for (DeadLetters s : sinks) {
                    s.flush();
                }
            }

            @Override
            public void withdraw(String batch) throws DeadLetterException {
                for (DeadLetters s : sinks) {
                    s.withdraw(batch);
                }
            }

            @Override
            public String describe() {
                return String.join(" and ", sinks.stream().map(DeadLetters::describe).toList());
            }

            @Override
            public void close() throws DeadLetterException {
                DeadLetterException first = null;
                for (DeadLetters s : sinks) {
                    try {
                        s.close();
                    } catch (DeadLetterException e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw first;
                }
            }
        };
    }
}
