package io.tollgate.core.billing;

import java.math.BigDecimal;

/**
 * What an invoice covers, verifiably: the number of rated calls, the exact sum of their amounts and a digest of
 * their (call id, amount) pairs that does not depend on order, so anyone can recompute it from the CDR store.
 */
public record Coverage(long calls, BigDecimal amount, String digest) {
    public static final Coverage NONE = new Coverage(0, BigDecimal.ZERO, "");
}
