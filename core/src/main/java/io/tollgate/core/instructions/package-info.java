/**
 * Orders to the routing agents (blocks, vendor priorities, limits, deck activations), the values of the compacted
 * instructions topic, each keyed by its {@link io.tollgate.core.instructions.Instruction#subject() subject}.
 */
package io.tollgate.core.instructions;
