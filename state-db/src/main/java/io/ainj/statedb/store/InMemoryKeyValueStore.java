package io.ainj.statedb.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * In-memory {@link KeyValueStore} with the same semantics as the RocksDB one (ordered keys,
 * atomic batches). For unit tests and for tools that need no durability.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final Map<Column, ConcurrentSkipListMap<byte[], byte[]>> data = new EnumMap<>(Column.class);
  private volatile boolean closed;

  public InMemoryKeyValueStore() {
    for (Column c : Column.values()) {
      data.put(c, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
    }
  }

  private record Op(boolean put, Column column, byte[] key, byte[] value) {}

  private static final class MemBatch implements Batch {
    final List<Op> ops = new ArrayList<>();

    @Override
    public void put(Column column, byte[] key, byte[] value) {
      ops.add(new Op(true, column, key.clone(), value.clone()));
    }

    @Override
    public void delete(Column column, byte[] key) {
      ops.add(new Op(false, column, key.clone(), null));
    }

    @Override
    public void close() {}
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }

  @Override
  public byte[] get(Column column, byte[] key) {
    checkOpen();
    byte[] v = data.get(column).get(key);
    return v == null ? null : v.clone();
  }

  @Override
  public Batch newBatch() {
    return new MemBatch();
  }

  @Override
  public synchronized void write(Batch batch, boolean sync) {
    checkOpen();
    for (Op op : ((MemBatch) batch).ops) {
      ConcurrentSkipListMap<byte[], byte[]> m = data.get(op.column());
      if (op.put()) {
        m.put(op.key(), op.value());
      } else {
        m.remove(op.key());
      }
    }
  }

  @Override
  public void forEach(Column column, BiConsumer<byte[], byte[]> visitor) {
    checkOpen();
    data.get(column).forEach((k, v) -> visitor.accept(k.clone(), v.clone()));
  }

  @Override
  public void forEachWithPrefix(Column column, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
    checkOpen();
    for (Map.Entry<byte[], byte[]> e : data.get(column).tailMap(prefix).entrySet()) {
      byte[] k = e.getKey();
      if (!startsWith(k, prefix)) {
        break;
      }
      visitor.accept(k.clone(), e.getValue().clone());
    }
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public boolean isEmpty(Column column) {
    checkOpen();
    return data.get(column).isEmpty();
  }

  /** Number of entries in a column (tests check that dropped versions free their nodes). */
  public int count(Column column) {
    return data.get(column).size();
  }

  /** Simulates a crash: the data survives, the handle does not. Reopen with {@link #reopen()}. */
  public InMemoryKeyValueStore reopen() {
    InMemoryKeyValueStore copy = new InMemoryKeyValueStore();
    for (Column c : Column.values()) {
      copy.data.get(c).putAll(data.get(c));
    }
    return copy;
  }

  @Override
  public void close() {
    closed = true;
  }
}
