package io.ainj.benchmarks;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.store.Column;
import io.ainj.statedb.store.KeyValueStore;
import io.ainj.statedb.store.RocksDbKeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Commit of a block's state to RocksDB against raw batched RocksDB puts of the same bytes.
 *
 * <p>Both benchmarks start from a tree of {@code fan^4} leaves committed to a RocksDB store (1 M
 * leaves for fan 32). Before each {@code commit} invocation (outside the timing) {@code
 * blockWrites} random leaves are changed and the root hash computed; the invocation is {@code
 * StateDb.commit} (encode the new radix nodes, find the nodes the new root no longer reaches,
 * root record, release of the oldest retained root and deletion of what only it held, one synced
 * write batch). {@code rawPut} replays, into a plain RocksDB
 * with default options, the put records of one such commit (captured by a recording store) as
 * one synced {@code WriteBatch} under fresh keys: the floor for writing those bytes. Compare the
 * two times (same bytes per invocation): the goal is commit time at most twice the raw time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms2g"})
public class StateDbCommitBenchmark {
  private static final int PATHS = 1 << 16;

  @Param({"32"})
  public int fan;

  @Param({"1000"})
  public int blockWrites;

  private Path dir;
  private RecordingStore kv;
  private StateDb db;
  private long height;
  private long leaves;
  private SplittableRandom rnd;
  private StateVersion toCommit;

  private RocksDB raw;
  private Options rawOptions;
  private WriteOptions rawWrite;
  private List<byte[][]> rawRecords;
  private long rawKeyCounter;

  /** Bytes (keys + values) and records of the commit batches, for the report. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Sizes {
    public long batchBytes;
    public long batchRecords;
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("ainj-commit-bench");
    kv = new RecordingStore(RocksDbKeyValueStore.open(dir.resolve("state")));
    db = StateDb.open(kv, StateDbConfig.defaults());
    MutableState w = db.edit("NODE:1");
    long t0 = System.nanoTime();
    StateTrees.build(w, fan);
    height = 1;
    db.commit(height, w.snapshot());
    leaves = (long) fan * fan * fan * fan;
    System.out.printf("%nbuilt and committed %,d leaves in %.1f s%n", leaves,
        (System.nanoTime() - t0) / 1e9);
    rnd = new SplittableRandom(7);
    // One commit of a typical block, recorded, gives the raw benchmark its bytes.
    prepareBlock();
    kv.recording = true;
    db.commit(++height, toCommit);
    kv.recording = false;
    rawRecords = new ArrayList<>(kv.lastPuts);
    long bytes = 0;
    for (byte[][] r : rawRecords) {
      bytes += r[0].length + r[1].length;
    }
    System.out.printf("one commit of %d writes: %d records, %,d bytes%n", blockWrites,
        rawRecords.size(), bytes);
    RocksDB.loadLibrary();
    rawOptions = new Options().setCreateIfMissing(true);
    raw = RocksDB.open(rawOptions, dir.resolve("raw").toString());
    rawWrite = new WriteOptions().setSync(true);
  }

  private void prepareBlock() {
    MutableState w = db.edit("NODE:" + (height + 1));
    for (int i = 0; i < blockWrites; i++) {
      long n = rnd.nextLong(leaves);
      w.set(StateRoot.VALUES, StateTrees.leafPath(fan, n), StateTrees.leafValue(n, height + i));
    }
    toCommit = w.snapshot();
    toCommit.rootNode().proofHash();
  }

  @Setup(Level.Invocation)
  public void nextBlock() {
    prepareBlock();
  }

  @Benchmark
  public StateVersion commit(Sizes sizes) {
    kv.recording = true;
    StateVersion v = db.commit(++height, toCommit);
    kv.recording = false;
    sizes.batchBytes += kv.lastBytes;
    sizes.batchRecords += kv.lastPuts.size();
    return v;
  }

  @Benchmark
  public void rawPut(Sizes sizes) throws RocksDBException {
    try (WriteBatch wb = new WriteBatch()) {
      long bytes = 0;
      for (byte[][] r : rawRecords) {
        byte[] key = r[0].clone();
        long c = ++rawKeyCounter;
        // Fresh keys, so every invocation inserts as a commit does.
        for (int i = 0; i < Math.min(8, key.length); i++) {
          key[i] ^= (byte) (c >>> (8 * i));
        }
        wb.put(key, r[1]);
        bytes += key.length + r[1].length;
      }
      raw.write(rawWrite, wb);
      sizes.batchBytes += bytes;
      sizes.batchRecords += rawRecords.size();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    db.close();
    raw.close();
    rawOptions.close();
    rawWrite.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Delegates to RocksDB and, when asked, keeps what the last written batch put. */
  static final class RecordingStore implements KeyValueStore {
    private final KeyValueStore inner;
    volatile boolean recording;
    List<byte[][]> lastPuts = new ArrayList<>();
    long lastBytes;

    RecordingStore(KeyValueStore inner) {
      this.inner = inner;
    }

    private final class RecBatch implements Batch {
      final Batch b = inner.newBatch();
      final List<byte[][]> puts = recording ? new ArrayList<>() : null;
      long bytes;

      @Override
      public void put(Column column, byte[] key, byte[] value) {
        b.put(column, key, value);
        if (puts != null) {
          puts.add(new byte[][] {key, value});
          bytes += key.length + value.length;
        }
      }

      @Override
      public void delete(Column column, byte[] key) {
        b.delete(column, key);
      }

      @Override
      public void close() {
        b.close();
      }
    }

    @Override
    public byte[] get(Column column, byte[] key) {
      return inner.get(column, key);
    }

    @Override
    public void forEachWithPrefix(Column column, byte[] prefix,
        BiConsumer<byte[], byte[]> visitor) {
      inner.forEachWithPrefix(column, prefix, visitor);
    }

    @Override
    public Batch newBatch() {
      return new RecBatch();
    }

    @Override
    public void write(Batch batch, boolean sync) {
      RecBatch rb = (RecBatch) batch;
      inner.write(rb.b, sync);
      if (rb.puts != null) {
        lastPuts = rb.puts;
        lastBytes = rb.bytes;
      }
    }

    @Override
    public void forEach(Column column, BiConsumer<byte[], byte[]> visitor) {
      inner.forEach(column, visitor);
    }

    @Override
    public boolean isEmpty(Column column) {
      return inner.isEmpty(column);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
