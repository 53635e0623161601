/**
 * The JSON wire format of every topic value: {@link io.tollgate.core.json.JsonCodec} per message type, with the
 * schema version {@code "v"} on each value. Jackson stays in this package; the domain records carry no annotations.
 */
package io.tollgate.core.json;
