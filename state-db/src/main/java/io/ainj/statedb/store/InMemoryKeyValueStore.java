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
 * atomic batches, additive counters). For unit tests and for tools that need no durability.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final Map<Column, ConcurrentSkipListMap<byte[], byte[]>> data = new EnumMap<>(Column.class);
  private volatile boolean closed;

  public InMemoryKeyValueStore() {
    for (Column c : Column.values()) {
      data.put(c, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
    }
  }

  private record Op(int kind, Column column, byte[] key, byte[] value, long delta) {}

  private static final class MemBatch implements Batch {
    final List<Op> ops = new ArrayList<>();

    @Override
    public void put(Column column, byte[] key, byte[] value) {
      ops.add(new Op(0, column, key.clone(), value.clone(), 0));
    }

    @Override
    public void delete(Column column, byte[] key) {
      ops.add(new Op(1, column, key.clone(), null, 0));
    }

    @Override
    public void addCounter(Column column, byte[] key, long delta) {
      ops.add(new Op(2, column, key.clone(), null, delta));
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
  public long getCounter(Column column, byte[] key) {
    return KeyValueStore.decodeCounter(get(column, key));
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
      switch (op.kind()) {
        case 0 -> m.put(op.key(), op.value());
        case 1 -> m.remove(op.key());
        default -> {
          long cur = KeyValueStore.decodeCounter(m.get(op.key()));
          m.put(op.key(), KeyValueStore.encodeCounter(cur + op.delta()));
        }
      }
    }
  }

  @Override
  public void forEach(Column column, BiConsumer<byte[], byte[]> visitor) {
    checkOpen();
    data.get(column).forEach((k, v) -> visitor.accept(k.clone(), v.clone()));
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
