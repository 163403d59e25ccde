/**
 * Adapters of the consensus signing ports to {@code ainj-crypto}: secp256k1 signatures in AIN's
 * layout over the AIN message hash, with the node key and the chain id.
 *
 * <p>Only key material handed in by {@code node} is used; nothing here reads files, environment
 * or the network, and the state machine never depends on this package (only on the ports).
 */
package io.ainj.consensus.crypto;
