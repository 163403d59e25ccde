package io.ainj.statedb.store;

/** Kinds of persisted data; RocksDB keeps each in its own column family. */
public enum Column {
  /** Format marker, id counter, committed root pointers. */
  META("meta"),
  /** Radix node records keyed by 8-byte big-endian node id. */
  NODES("nodes"),
  /** Reference counts (8-byte little-endian, added with a merge) keyed like NODES. */
  REFS("refs"),
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
