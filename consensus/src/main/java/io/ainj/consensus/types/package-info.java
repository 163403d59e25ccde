/**
 * Value types and ports of the consensus core: hashes, validator identities, signatures, opaque
 * blocks, validator sets, proposer selection, the configuration record, and the two narrow crypto
 * ports ({@link io.ainj.consensus.types.MessageSigner}, {@link
 * io.ainj.consensus.types.SignatureVerifier}) that {@code node} implements.
 *
 * <p>Everything here is immutable and side-effect free. This package must not touch the network,
 * the disk, the clock, threads or any other ainj module; it is the vocabulary the state machine and
 * its adapters share, in the style of Besu's {@code qbft-core} {@code types} package.
 */
package io.ainj.consensus.types;
