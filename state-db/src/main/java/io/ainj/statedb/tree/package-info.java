/**
 * The state tree itself: immutable {@link io.ainj.statedb.tree.StateNode}s whose children live in
 * an immutable compressed radix trie of {@link io.ainj.statedb.tree.RadixNode}s keyed by hex radix
 * labels, exactly as AIN shapes it, so proof hashes, serials (child order), tree heights, sizes
 * and bytes agree with the reference.
 *
 * <p>Every update copies only the path it changes (structural sharing between versions). Proof
 * hashes are computed lazily and cached in the node, so a burst of writes pays for hashing once
 * per dirty node when a hash is first asked for (or at commit). Radix node bodies that came from
 * storage may be evicted and reloaded through a {@link io.ainj.statedb.tree.NodeSource}.
 *
 * <p>Must not touch storage formats or I/O directly (that is {@code io.ainj.statedb.store}), nor
 * know about rules, owners or functions.
 */
package io.ainj.statedb.tree;
