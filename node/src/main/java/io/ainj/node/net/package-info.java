/**
 * The node on a network of validators: consensus packets, transactions and block sync mapped
 * onto {@code ainj-p2p} channels ({@link io.ainj.node.net.Channels}); consensus signatures checked
 * in a pool before the consensus thread sees a packet ({@link io.ainj.node.net.CachingVerifier});
 * transaction gossip ({@link io.ainj.node.net.TxGossip}); catch-up with certified blocks
 * ({@link io.ainj.node.net.BlockSync}); and the per-home configuration of {@code ainj testnet}
 * ({@link io.ainj.node.net.HomeConfig}).
 *
 * <p>Network threads only decode, verify and enqueue: the consensus thread owns the state machine
 * and the one commit path, and anything a peer sends that is invalid becomes a penalty for that
 * peer and a log line, never an exception in a loop.
 */
package io.ainj.node.net;
