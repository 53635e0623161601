package io.tollgate.core.billing;

import java.math.BigDecimal;
import java.util.HexFormat;

/**
 * What an invoice covers, verifiably: the number of rated calls, the exact sum of their amounts and a digest of
 * their (call id, amount) pairs that does not depend on order, so anyone can recompute it from the CDR store.
 */
public record Coverage(long calls, BigDecimal amount, String digest) {
    public static final Coverage NONE = new Coverage(0, BigDecimal.ZERO, "");

    /** From the count, the sum and the two 64-bit XOR hashes the store computes over the calls. */
    public static Coverage of(long calls, BigDecimal amount, long hashA, long hashB) {
        return calls == 0 ? NONE : new Coverage(calls, amount, HexFormat.of().toHexDigits(hashA)
                + HexFormat.of().toHexDigits(hashB));
    }

    /** The same calls for the same amounts, whatever the scale the amounts were read with. */
    public boolean sameAs(Coverage other) {
        return calls == other.calls && amount.compareTo(other.amount) == 0 && digest.equals(other.digest);
    }
}
