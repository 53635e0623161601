package io.tollgate.jobs.fraud.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;

/**
 * A customer's calls that are still in the window or open, by call id, with a running count of the open ones.
 *
 * <p>Bounded by {@link #prune}: an ended call leaves once it ended before the window, an open one once it is older
 * than {@link FeatureSettings#MAX_CALL}, a call whose SETUP never came once its last event left the window. An event
 * or CDR of an unknown call at or before the {@link #horizonMs horizon} (the window start of the last prune) is
 * dropped: it is a duplicate of a call already pruned, or too late to count, and taking it would re-open the call.
 */
public final class RecentCalls {
    private HashMap<String, CallEntry> calls = new HashMap<>();
    private int open;
    private long horizonMs = CallEntry.NONE;

    public RecentCalls() {
    }

    /** The call's entry, created if new; null when the call is unknown and {@code ms} is past the horizon. */
    CallEntry entry(String callId, long ms) {
        CallEntry e = calls.get(callId);
        if (e == null && ms > horizonMs) {
            e = new CallEntry(callId);
            calls.put(callId, e);
        }
        return e;
    }

    boolean setup(CallEntry e, long ms) {
        boolean wasOpen = e.open();
        boolean fresh = e.setup(ms);
        count(wasOpen, e);
        return fresh;
    }

    boolean end(CallEntry e, long ms) {
        boolean wasOpen = e.open();
        boolean fresh = e.end(ms);
        count(wasOpen, e);
        return fresh;
    }

    int open() {
        return open;
    }

    int size() {
        return calls.size();
    }

    Collection<CallEntry> entries() {
        return calls.values();
    }

    /** Drops open calls set up at or before {@code forgetMs}, returning them. */
    List<CallEntry> forget(long forgetMs) {
        List<CallEntry> forgotten = new ArrayList<>();
        for (Iterator<CallEntry> it = calls.values().iterator(); it.hasNext(); ) {
            CallEntry e = it.next();
            if (e.open() && e.setupMs() <= forgetMs) {
                it.remove();
                open--;
                forgotten.add(e);
            }
        }
        return forgotten;
    }

    /** Drops what can no longer contribute to a window starting after {@code startMs}. */
    void prune(long startMs, long forgetMs) {
        calls.values().removeIf(e -> !keep(e, startMs, forgetMs));
        horizonMs = Math.max(horizonMs, startMs);
    }

    private static boolean keep(CallEntry e, long startMs, long forgetMs) {
        if (e.open()) {
            return e.setupMs() > forgetMs;
        }
        return e.lastMs() > startMs;
    }

    private void count(boolean wasOpen, CallEntry e) {
        if (wasOpen != e.open()) {
            open += wasOpen ? -1 : 1;
        }
    }
}
