/**
 * Plain-Java conformance runner over AIN's {@code state_vectors.json} (no test framework): it
 * builds each vector's setup, runs the op and compares the exact result. Reads, proofs and the
 * state helpers run here; ops that need rules, owners or functions are delegated to a
 * {@link io.ainj.statedb.conformance.VectorOpExecutor} the vm plugs in, and are reported as
 * UNSUPPORTED (never as passes) when none does.
 *
 * <p>Must not depend on the vm or anything above state-db.
 */
package io.ainj.statedb.conformance;
