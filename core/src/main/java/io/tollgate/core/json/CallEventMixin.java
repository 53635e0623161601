package io.tollgate.core.json;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;

/** The contract gives call events' {@code ts} in milliseconds, unlike every other time on the wire. */
abstract class CallEventMixin {

    @JsonSerialize(using = EpochMillis.Writer.class)
    @JsonDeserialize(using = EpochMillis.Reader.class)
    abstract Instant ts();
}
