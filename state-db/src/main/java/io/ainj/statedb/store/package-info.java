/**
 * Persistence of the state tree: the {@link io.ainj.statedb.store.KeyValueStore} port with a
 * RocksDB implementation (one column family per kind of data) and an in-memory twin, the binary
 * record format of radix nodes (checksummed, so a garbled record is reported, never used), the
 * bounded node cache, and {@link io.ainj.statedb.store.NodeStore}, which writes a version's new
 * nodes, root pointer and stale-node index (the nodes this version replaced, keyed by the
 * heights that can still reach them) in one atomic batch, and frees a node once no retained
 * version or checkpoint reaches it.
 *
 * <p>Knows records and bytes; never decides what a write means (that is the tree's job).
 */
package io.ainj.statedb.store;
