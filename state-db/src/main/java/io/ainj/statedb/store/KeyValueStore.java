package io.ainj.statedb.store;

import java.util.function.BiConsumer;

/**
 * The storage port of state-db: byte keys and values in a few columns, atomic batches and
 * ordered scans. Implementations: {@link
 * RocksDbKeyValueStore} for nodes, {@link InMemoryKeyValueStore} for unit tests.
 */
public interface KeyValueStore extends AutoCloseable {

  /** A set of changes applied all or nothing by {@link #write(Batch, boolean)}. */
  interface Batch extends AutoCloseable {
    void put(Column column, byte[] key, byte[] value);

    void delete(Column column, byte[] key);

    @Override
    void close();
  }

  /** The value, or null when absent. */
  byte[] get(Column column, byte[] key);

  Batch newBatch();

  /** Applies {@code batch} atomically; {@code sync} makes it durable before returning. */
  void write(Batch batch, boolean sync);

  /** Visits every entry of a column in key order (tests, integrity checks). */
  void forEach(Column column, BiConsumer<byte[], byte[]> visitor);

  /** Visits the entries of a column whose key starts with {@code prefix}, in key order. */
  void forEachWithPrefix(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor);

  boolean isEmpty(Column column);

  @Override
  void close();

  /** Little-endian fixed64, the encoding of the store's counters and pointers. */
  static byte[] encodeCounter(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  static long decodeCounter(byte[] b) {
    if (b == null) {
      return 0;
    }
    if (b.length != 8) {
      throw new IllegalStateException("counter value of " + b.length + " bytes");
    }
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
