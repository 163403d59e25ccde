/**
 * Validity checks and change application for rule, owner and function configs (AIN
 * db/state-util.js): pure functions over {@link io.ainj.statedb.json.Json}, with AIN's exact
 * {@code invalidPath} strings and merge semantics.
 *
 * <p>Must not touch: state (callers pass the current subtree in), rule evaluation, I/O.
 */
package io.ainj.vm.config;
