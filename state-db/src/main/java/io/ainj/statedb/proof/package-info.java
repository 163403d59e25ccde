/**
 * State proofs: building AIN's {@code ain_getStateProof} object along a path and verifying one
 * offline against a root hash, including that the proven node sits at the claimed path and holds
 * the claimed value.
 *
 * <p>Pure: the builder reads a tree, the verifier reads only the proof JSON.
 */
package io.ainj.statedb.proof;
