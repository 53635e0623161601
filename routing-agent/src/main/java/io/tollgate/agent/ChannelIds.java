package io.tollgate.agent;

import java.util.Optional;

/**
 * The ids the agent gives the bridges and vendor legs it creates: {@code tg-<agent>-<call id>} for a call's
 * bridge and {@code tg-<agent>-<call id>-v<attempt>} for its vendor legs. They name the call they belong to, so
 * an event about a vendor leg finds its call without a lookup, and after a restart the agent recognises what it
 * created and cleans it up; another agent's prefix differs, so agents sharing one Asterisk leave each other alone.
 */
public final class ChannelIds {
    private final String prefix;

    public ChannelIds(String agentId) {
        if (!agentId.matches("[A-Za-z0-9_.]{1,32}")) {
            throw new IllegalArgumentException("agent id '" + agentId + "': 1 to 32 letters, digits, '_' or '.'");
        }
        this.prefix = "tg-" + agentId + "-";
    }

    public String bridge(String callId) {
        return prefix + callId;
    }

    public String vendorLeg(String callId, int attempt) {
        return prefix + callId + "-v" + attempt;
    }

    /** Whether a channel or bridge id is one this agent made. */
    public boolean ours(String id) {
        return id.startsWith(prefix);
    }

    /** The call a vendor leg or bridge of ours belongs to; empty for any other id (a customer leg, say). */
    public Optional<String> callOf(String id) {
        if (!ours(id)) {
            return Optional.empty();
        }
        String rest = id.substring(prefix.length());
        int v = rest.lastIndexOf("-v");
        boolean leg = v > 0 && rest.substring(v + 2).chars().allMatch(Character::isDigit) && rest.length() > v + 2;
        return Optional.of(leg ? rest.substring(0, v) : rest);
    }
}
