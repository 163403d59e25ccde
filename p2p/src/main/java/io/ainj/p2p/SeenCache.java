package io.ainj.p2p;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids of gossip messages already delivered or sent, so a message that arrives again (from
 * another peer, or as the echo of our own broadcast) is dropped. Bounded: the oldest ids are
 * forgotten first.
 *
 * <p>An id is 128 bits of the SHA-256 of the channel and payload. They live in two primitive
 * arrays allocated once (the ids in arrival order, and an open-addressing set over them), not
 * as an object per message: each id lives for minutes of gossip, long enough to be promoted, and
 * hundreds of thousands of such objects were a steady share of a long-running validator's
 * old-generation garbage.
 */
final class SeenCache {
  // SHA-256, which the JIT runs on the CPU's SHA instructions where it has them: every gossip
  // payload in and out is hashed, and Keccak in Java cost a few percent of a validator's CPU.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  });

  private final int capacity;
  // Ids in arrival order, two longs each; a ring from head, size of them.
  private final long[] order;
  private int head;
  private int size;
  // Linear probing, two longs per slot, at most half full; an empty slot has lo == 0, which no
  // id has (its lowest bit is set).
  private final long[] table;
  private final int mask;

  SeenCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.order = new long[2 * capacity];
    int slots = Integer.highestOneBit(2 * capacity - 1) << 1;
    this.table = new long[2 * slots];
    this.mask = slots - 1;
  }

  /** Remembers the message's id; true when it is new. */
  boolean add(int channel, byte[] payload) {
    MessageDigest sha = SHA256.get();
    sha.update((byte) (channel >>> 24));
    sha.update((byte) (channel >>> 16));
    sha.update((byte) (channel >>> 8));
    sha.update((byte) channel);
    byte[] h = sha.digest(payload);
    return add(longAt(h, 0), longAt(h, 8) | 1);
  }

  private static long longAt(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }

  private synchronized boolean add(long hi, long lo) {
    int slot = find(hi, lo);
    if (table[2 * slot + 1] != 0) {
      return false;
    }
    if (size == capacity) {
      forgetEldest();
      // The deletion may have shifted entries into the probe path.
      slot = find(hi, lo);
    }
    table[2 * slot] = hi;
    table[2 * slot + 1] = lo;
    int tail = (head + size) % capacity;
    order[2 * tail] = hi;
    order[2 * tail + 1] = lo;
    size++;
    return true;
  }

  /** The slot holding the id, or the empty slot where it would go. */
  private int find(long hi, long lo) {
    int i = home(hi);
    while (table[2 * i + 1] != 0 && (table[2 * i + 1] != lo || table[2 * i] != hi)) {
      i = (i + 1) & mask;
    }
    return i;
  }

  // The ids are hash output, so their bits index the table as they are.
  private int home(long hi) {
    return (int) hi & mask;
  }

  /** Removes the oldest id: from the ring, and from the table by backward-shift deletion. */
  private void forgetEldest() {
    long hi = order[2 * head];
    long lo = order[2 * head + 1];
    head = (head + 1) % capacity;
    size--;
    int hole = find(hi, lo);
    for (int j = (hole + 1) & mask; table[2 * j + 1] != 0; j = (j + 1) & mask) {
      int k = home(table[2 * j]);
      // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
      boolean stays = hole <= j ? (hole < k && k <= j) : (hole < k || k <= j);
      if (!stays) {
        table[2 * hole] = table[2 * j];
        table[2 * hole + 1] = table[2 * j + 1];
        hole = j;
      }
    }
    table[2 * hole] = 0;
    table[2 * hole + 1] = 0;
  }

  synchronized int size() {
    return size;
  }
}
