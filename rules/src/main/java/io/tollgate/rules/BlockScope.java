package io.tollgate.rules;

/** What a critical alert blocks by itself, if anything: nothing, the customer, or the customer's calls to a prefix. */
public enum BlockScope {
    NONE,
    CUSTOMER,
    DESTINATION
}
