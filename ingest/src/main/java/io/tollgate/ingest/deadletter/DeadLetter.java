package io.tollgate.ingest.deadletter;

import java.time.Instant;
import java.util.Objects;

/**
 * One refused input, kept whole so it can be read, fixed and replayed: where it came from, the input exactly as it
 * was, and why it was refused.
 *
 * @param origin    the file and line, or the topic, partition and offset
 * @param raw       the input as read (a CSV record's text, a message's value)
 * @param reason    why it was refused, naming the field, in words a person can act on
 * @param refusedBy what refused it, such as {@code cdr-import}
 * @param batch     the run that refused it (a CDR import id), so a rerun replaces its letters; empty if none
 * @param refusedAt when it was refused
 */
public record DeadLetter(Origin origin, String raw, String reason, String refusedBy, String batch, Instant refusedAt) {

    public DeadLetter {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(refusedBy, "refusedBy");
        Objects.requireNonNull(refusedAt, "refusedAt");
        batch = batch == null ? "" : batch;
    }
}
