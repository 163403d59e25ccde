/**
 * The immutable JSON value model of the state: {@link io.ainj.statedb.json.Json} and its cases,
 * with JavaScript semantics where AIN relies on them (numbers are IEEE doubles printed the way V8
 * prints them; object keys keep JavaScript property order, integer-like keys first).
 *
 * <p>Jackson appears only in {@link io.ainj.statedb.json.JsonCodec}, the edge where text or
 * {@code JsonNode}s enter and leave. Nothing here knows about trees, paths or storage.
 */
package io.ainj.statedb.json;
