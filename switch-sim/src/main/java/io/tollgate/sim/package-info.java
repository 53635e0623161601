/** ARI-compatible switch simulator and traffic generator. Built by its own issue. */
package io.tollgate.sim;
