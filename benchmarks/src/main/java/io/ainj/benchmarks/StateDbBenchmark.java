package io.ainj.benchmarks;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.tree.ProofHash;
import io.ainj.statedb.tree.StateNode;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * State tree writes and reads on an in-memory tree of {@code fan^4} leaves at depth 4 ({@code
 * fan = 32}: 1,048,576 leaves). Writes change the value of a random existing leaf; the variants
 * differ in when the proof hashes are brought up to date: after every write, once per block of
 * {@link #BLOCK} writes (what a node does: the root hash is read once per block), or never.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms2g"})
public class StateDbBenchmark {
  static final int BLOCK = 1000;
  private static final int PATHS = 1 << 16;

  @Param({"32"})
  public int fan;

  private MutableState work;
  private StateVersion snapshot;
  private List<String>[] localPaths;
  private List<String>[] fullPaths;
  private String[] stringPaths;
  private Json[] values;
  private int next;
  private final byte[][] kidHashes = new byte[10][];
  private final String[] kidEdges = new String[10];
  private byte[] statePh;

  @SuppressWarnings("unchecked")
  @Setup(Level.Trial)
  public void setUp() {
    StateDb db = StateDb.inMemory();
    work = db.edit("NODE:1");
    long t0 = System.nanoTime();
    StateTrees.build(work, fan);
    work.snapshot().rootNode().proofHash();
    long leaves = (long) fan * fan * fan * fan;
    System.out.printf("%nbuilt and hashed %,d leaves in %.1f s%n", leaves,
        (System.nanoTime() - t0) / 1e9);
    snapshot = work.snapshot();
    SplittableRandom rnd = new SplittableRandom(42);
    localPaths = new List[PATHS];
    fullPaths = new List[PATHS];
    stringPaths = new String[PATHS];
    values = new Json[PATHS];
    for (int i = 0; i < 10; i++) {
      kidHashes[i] = ProofHash.hashString("kid " + i);
      kidEdges[i] = Integer.toString(i);
    }
    statePh = ProofHash.hashString("state");
    for (int i = 0; i < PATHS; i++) {
      long n = rnd.nextLong(leaves);
      localPaths[i] = StateTrees.leafPath(fan, n);
      fullPaths[i] = StateTrees.fullLeafPath(fan, n);
      stringPaths[i] = StatePath.format(localPaths[i]);
      values[i] = StateTrees.leafValue(n, 1 + i);
    }
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (PATHS - 1);
    return i;
  }

  /** One validated write, then the root hash (every changed radix node rehashed per write). */
  @Benchmark
  public byte[] writeLeafHashEach() {
    int i = nextIndex();
    work.set(StateRoot.VALUES, localPaths[i], values[i]);
    return work.snapshot().rootNode().proofHash();
  }

  /** {@value #BLOCK} validated writes, then the root hash once (a block's worth). */
  @Benchmark
  @OperationsPerInvocation(BLOCK)
  public byte[] writeLeafHashPerBlock() {
    for (int k = 0; k < BLOCK; k++) {
      int i = nextIndex();
      work.set(StateRoot.VALUES, localPaths[i], values[i]);
    }
    return work.snapshot().rootNode().proofHash();
  }

  /** Validated write without touching any hash (the hashes stay stale until read). */
  @Benchmark
  public MutableState writeLeafNoHash() {
    int i = nextIndex();
    work.set(StateRoot.VALUES, localPaths[i], values[i]);
    return work;
  }

  /**
   * The floor under every write: the proof hash of one radix node with a state child and ten
   * kids (a 723-byte preimage, 7 Keccak-f permutations counting the second hash), the most common
   * node on a write path of this tree. A write at depth 4 rehashes about 20 radix nodes (74
   * permutations) when hashed per write.
   */
  @Benchmark
  public byte[] hashRadixNode10Kids() {
    statePh[0]++;
    return ProofHash.radix(statePh, kidEdges, kidHashes, 10);
  }

  /** Point read of a leaf node by its pre-parsed full path on an immutable version. */
  @Benchmark
  public StateNode readLeafNode() {
    return snapshot.node(fullPaths[nextIndex()]);
  }

  /**
   * Point read of a leaf from a hot set of {@value #HOT} leaves of the same 1 M-leaf tree (the
   * accounts and apps a busy chain keeps touching): the nodes on their paths stay in the CPU
   * caches, which uniform reads over a 1 GB tree cannot.
   */
  @Benchmark
  public StateNode readHotLeafNode() {
    int i = next;
    next = (i + 1) & (HOT - 1);
    return snapshot.node(fullPaths[i]);
  }

  private static final int HOT = 4096;

  /** GET_VALUE of a leaf given as a path string ("/a1/b2/c3/d4"): parse, walk, render. */
  @Benchmark
  public Json readLeafValue() {
    return snapshot.getValue(stringPaths[nextIndex()]);
  }
}
