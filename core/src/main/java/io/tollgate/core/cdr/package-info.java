/**
 * A call as it happens ({@link io.tollgate.core.cdr.CallEvent}), as it is recorded ({@link io.tollgate.core.cdr.Cdr})
 * and as it is priced ({@link io.tollgate.core.cdr.RatedCdr}): the values of the call-events, cdrs and rated-cdrs
 * topics.
 */
package io.tollgate.core.cdr;
