/**
 * Permissioned peer-to-peer sessions for ainj validators and observers: a length-prefixed
 * protobuf framing ({@link io.ainj.p2p.Frame}), a handshake in which both sides sign a fresh
 * challenge bound to the chain id and genesis hash ({@link io.ainj.p2p.Handshake}), channels of
 * opaque messages with gossip de-duplication ({@link io.ainj.p2p.SeenCache}), per-peer rate
 * limits and scores ({@link io.ainj.p2p.PeerScores}), and two transports behind one interface
 * ({@link io.ainj.p2p.Transport}): Netty over TCP and an in-memory twin for multi-node tests.
 *
 * <p>This package knows nothing of consensus, blocks, transactions or state: {@code node} maps
 * its messages onto channel numbers and bytes. Invalid input from a peer (malformed frames, bad
 * signatures, floods) becomes a counter, a score penalty and possibly a disconnect, never an
 * exception through a loop. No logging backend, no metrics registry, no files.
 */
package io.ainj.p2p;
