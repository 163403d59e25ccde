/**
 * PBFT messages (pre-prepare, prepare, commit, view-change, new-view, checkpoint) as records of
 * one sealed interface, the signed envelope, prepared/commit/checkpoint certificates, the wire
 * {@link io.ainj.consensus.messages.Packet}, and their canonical byte encoding and digests
 * ({@link io.ainj.consensus.messages.MessageCodec}).
 *
 * <p>Decoding outside bytes never throws: it returns a {@link
 * io.ainj.consensus.messages.DecodeResult}. This package may use {@code ainj-crypto} for the AIN
 * message hash but must not touch the network, the disk, the clock, threads or other ainj
 * modules; {@code p2p} carries the encoded bytes opaquely.
 */
package io.ainj.consensus.messages;
