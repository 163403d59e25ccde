/**
 * The state database of ainj: the facade {@link io.ainj.statedb.StateDb} (open a store, commit a
 * version, reopen at the last commit), immutable {@link io.ainj.statedb.StateVersion} snapshots
 * with AIN's reads and proofs, and {@link io.ainj.statedb.MutableState}, the single-threaded
 * working copy the vm writes through (O(1) snapshot and restore).
 *
 * <p>This package and its subpackages know the AIN state model only: no rules, owners or function
 * semantics (the vm owns them), no transactions, no network.
 */
package io.ainj.statedb;
