package io.ainj.statedb.store;

/**
 * A set of positive longs by open addressing (linear probing, zero marks an empty slot). A commit
 * fills one with the ids of the stored nodes its new records point at, around 100,000 per block
 * of 1,000 writes, where boxed {@code Long}s would cost an allocation each.
 */
final class LongSet {
  private long[] slots;
  private int size;

  LongSet(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    slots = new long[cap];
  }

  /** Adds {@code v} (must be positive); false when it was already present. */
  boolean add(long v) {
    if (v <= 0) {
      throw new IllegalArgumentException("only positive values: " + v);
    }
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = mix(v) & mask;
    while (true) {
      long s = slots[i];
      if (s == 0) {
        slots[i] = v;
        size++;
        return true;
      }
      if (s == v) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  boolean contains(long v) {
    int mask = slots.length - 1;
    int i = mix(v) & mask;
    while (true) {
      long s = slots[i];
      if (s == v) {
        return true;
      }
      if (s == 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long v : old) {
      if (v != 0) {
        add(v);
      }
    }
  }

  // Ids are sequential, so spread them before masking (the 64-bit golden-ratio multiplier).
  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
