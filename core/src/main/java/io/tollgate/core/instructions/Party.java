package io.tollgate.core.instructions;

import java.util.Locale;

/** The two kinds of account an instruction can be about: who sends us traffic and who carries it on. */
public enum Party {
    CUSTOMER,
    VENDOR;

    /** The word used in subjects: {@code customer} or {@code vendor}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
