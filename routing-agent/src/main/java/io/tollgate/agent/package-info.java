/** The ARI Stasis application: least-cost call control. Built by its own issue. */
package io.tollgate.agent;
