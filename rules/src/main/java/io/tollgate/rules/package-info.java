/** Drools fraud rule sets and their runtime. Built by its own issue. */
package io.tollgate.rules;
