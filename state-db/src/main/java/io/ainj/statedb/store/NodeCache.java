package io.ainj.statedb.store;

import io.ainj.statedb.tree.RadixNode;

/**
 * Bounds the radix node bodies loaded from storage with the CLOCK algorithm: a reader only sets a
 * bit on the node (no lock, no list splicing on the hot path); admission of a newly loaded body
 * sweeps the ring and drops the first body not referenced since the last sweep.
 */
final class NodeCache {
  private final RadixNode[] ring;
  private int size;
  private int hand;
  private long loads;
  private long evictions;

  NodeCache(int capacity) {
    this.ring = new RadixNode[capacity];
  }

  synchronized void admit(RadixNode n) {
    loads++;
    if (size < ring.length) {
      ring[size++] = n;
      return;
    }
    // Bounded sweep: after one full turn every bit is clear, so this ends within 2 turns.
    while (true) {
      RadixNode c = ring[hand];
      if (c.testAndClearReferenced()) {
        hand = (hand + 1) % ring.length;
        continue;
      }
      c.evictBody();
      evictions++;
      ring[hand] = n;
      hand = (hand + 1) % ring.length;
      return;
    }
  }

  /** Takes in nodes the store just wrote from memory (not counted as loads). */
  synchronized void adopt(java.util.List<RadixNode> written) {
    for (RadixNode n : written) {
      admit(n);
    }
    loads -= written.size();
  }

  synchronized int size() {
    return size;
  }

  synchronized long loads() {
    return loads;
  }

  synchronized long evictions() {
    return evictions;
  }

  synchronized void clear() {
    for (int i = 0; i < size; i++) {
      ring[i].evictBody();
      ring[i] = null;
    }
    size = 0;
    hand = 0;
  }
}
