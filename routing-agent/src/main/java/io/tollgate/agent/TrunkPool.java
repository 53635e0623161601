package io.tollgate.agent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Calls in flight per vendor trunk, so a vendor whose trunks are full is skipped instead of dialled into a
 * certain congestion. A vendor may also be capped below its trunks' capacity by a limit instruction.
 */
public final class TrunkPool {
    /** One of our trunks to a vendor: the endpoint dialled as {@code PJSIP/<number>@<endpoint>}. */
    public record Trunk(String vendor, String endpoint, int capacity) {
    }

    private final Map<String, List<Trunk>> trunks;
    private final Map<String, int[]> inUse = new ConcurrentHashMap<>();
    private final ToIntFunction<String> vendorCap;

    /** @param vendorCap the most calls a vendor may carry at once, as instructions say (Integer.MAX_VALUE: no cap) */
    public TrunkPool(Map<String, List<Trunk>> trunks, ToIntFunction<String> vendorCap) {
        this.trunks = Map.copyOf(trunks);
        this.vendorCap = vendorCap;
        for (List<Trunk> list : trunks.values()) {
            for (Trunk t : list) {
                inUse.put(t.endpoint(), new int[1]);
            }
        }
    }

    /** Takes a place on one of the vendor's trunks with room (the least used), or null if none has room. */
    public synchronized Trunk acquire(String vendor) {
        List<Trunk> list = trunks.getOrDefault(vendor, List.of());
        int carried = list.stream().mapToInt(t -> inUse.get(t.endpoint())[0]).sum();
        if (carried >= vendorCap.applyAsInt(vendor)) {
            return null;
        }
        Trunk best = null;
        for (Trunk t : list) {
            int used = inUse.get(t.endpoint())[0];
            if (used < t.capacity() && (best == null || used < inUse.get(best.endpoint())[0])) {
                best = t;
            }
        }
        if (best != null) {
            inUse.get(best.endpoint())[0]++;
        }
        return best;
    }

    public synchronized void release(Trunk trunk) {
        int[] used = inUse.get(trunk.endpoint());
        used[0] = Math.max(0, used[0] - 1);
    }

    public synchronized int inUse(String endpoint) {
        return inUse.get(endpoint)[0];
    }

    public boolean knows(String vendor) {
        return trunks.containsKey(vendor);
    }
}
