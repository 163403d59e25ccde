/**
 * AIN's read output: {@link io.ainj.statedb.read.ReadOptions} (is_shallow, is_partial with
 * last_end_label, include_version, include_tree_info, include_proof) and the renderer that turns
 * a state node into the exact JSON shape of {@code ain_get*} results, with the API size guards
 * (30002, 30003).
 *
 * <p>Read-only: never changes a tree, never touches storage except through node bodies.
 */
package io.ainj.statedb.read;
