/**
 * The fraud rules: the facts they read ({@link io.tollgate.rules.CustomerWindow} and its siblings, computed by the
 * streaming job's features), the Drools rule set that reads like an analyst's checklist
 * ({@code fraud-checklist.drl}), and the runtime that evaluates a batch of facts into findings.
 */
package io.tollgate.rules;
