package io.ainj.p2p;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ids of gossip messages already delivered or sent, so a message that arrives again (from
 * another peer, or as the echo of our own broadcast) is dropped. Bounded: the oldest ids are
 * forgotten first.
 */
final class SeenCache {
  private final int capacity;
  private final LinkedHashMap<ByteBuffer, Boolean> ids;

  SeenCache(int capacity) {
    this.capacity = capacity;
    this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
        return size() > SeenCache.this.capacity;
      }
    };
  }

  // SHA-256, which the JIT runs on the CPU's SHA instructions where it has them: every gossip
  // payload in and out is hashed, and Keccak in Java cost a few percent of a validator's CPU.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  });

  static ByteBuffer id(int channel, byte[] payload) {
    byte[] h = SHA256.get().digest(payload);
    ByteBuffer b = ByteBuffer.allocate(20);
    b.putInt(channel).put(h, 0, 16).flip();
    return b;
  }

  /** Remembers the id; true when it is new. */
  synchronized boolean add(ByteBuffer id) {
    return ids.put(id, Boolean.TRUE) == null;
  }

  synchronized int size() {
    return ids.size();
  }
}
