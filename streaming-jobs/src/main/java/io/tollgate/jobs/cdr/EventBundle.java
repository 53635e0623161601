package io.tollgate.jobs.cdr;

/**
 * The events of one call that one source instance read close together ({@link EventBundling}), in the order read:
 * they cross the shuffle by call id, and meet the call's state, once instead of one by one.
 */
public record EventBundle(String callId, EventRecord[] records) {
}
