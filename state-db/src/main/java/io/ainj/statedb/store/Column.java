package io.ainj.statedb.store;

/** Kinds of persisted data; RocksDB keeps each in its own column family. */
public enum Column {
  /** Format marker, id counter, committed root pointers. */
  META("meta"),
  /** Radix node records keyed by 8-byte big-endian node id. */
  NODES("nodes"),
  /**
   * The stale-node index: under (height holding them, height they are stale since), both 8-byte
   * big-endian, the 8-byte ids of nodes the newer height no longer reaches.
   */
  STALE("stale"),
  /**
   * Chain data owned by the ledger (blocks, indexes), kept in the same store so a block and its
   * state commit in one atomic batch.
   */
  CHAIN("chain");

  private final String cfName;

  Column(String cfName) {
    this.cfName = cfName;
  }

  public String cfName() {
    return cfName;
  }
}
