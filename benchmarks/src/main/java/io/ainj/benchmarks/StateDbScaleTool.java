package io.ainj.benchmarks;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.store.RocksDbKeyValueStore;
import io.ainj.statedb.tree.StateNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A state larger than the heap: builds {@code leaves} leaves at depth 4 ({@code /a<i>/b<j>/c<k>/
 * d<l>}, fan = ceil(leaves^(1/4))) in RocksDB, one commit per first-level subtree, then closes,
 * reopens and reads random leaves. Prints build time, disk size, reopen time, read latency
 * percentiles and the process's peak RSS. Run it with a small heap:
 *
 * <pre>{@code
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar io.ainj.benchmarks.StateDbScaleTool \
 *     --leaves 10000000 --dir /tmp/ainj-scale [--reads 200000] [--cache-nodes 200000]
 * }</pre>
 */
public final class StateDbScaleTool {
  private StateDbScaleTool() {}

  public static void main(String[] args) throws IOException {
    long leaves = 10_000_000;
    Path dir = Path.of("/tmp/ainj-scale");
    int reads = 200_000;
    int cacheNodes = 200_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--leaves" -> leaves = Long.parseLong(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--reads" -> reads = Integer.parseInt(args[++i]);
        case "--cache-nodes" -> cacheNodes = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    int fan = (int) Math.ceil(Math.pow(leaves, 0.25) - 1e-9);
    deleteTree(dir);
    StateDbConfig config = StateDbConfig.defaults().withCacheMaxNodes(cacheNodes);
    System.out.printf("leaves %,d (fan %d), heap max %d MiB, cache %,d nodes%n", leaves, fan,
        Runtime.getRuntime().maxMemory() >> 20, cacheNodes);

    long t0 = System.nanoTime();
    long written = 0;
    String root;
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), config)) {
      long height = 0;
      for (int i = 0; written < leaves; i++) {
        MutableState w = db.edit("NODE:" + (height + 1));
        for (int j = 0; j < fan && written < leaves; j++) {
          Json.JObject.Builder bj = Json.JObject.builder();
          for (int k = 0; k < fan && written < leaves; k++) {
            Json.JObject.Builder bk = Json.JObject.builder();
            for (int l = 0; l < fan && written < leaves; l++) {
              long n = (((long) i * fan + j) * fan + k) * fan + l;
              bk.put(StateTrees.label(3, l), StateTrees.leafValue(n, 0));
              written++;
            }
            bj.put(StateTrees.label(2, k), bk.build());
          }
          w.set(StateRoot.VALUES, List.of(StateTrees.label(0, i), StateTrees.label(1, j)),
              bj.build());
        }
        db.commit(++height, w.snapshot());
        if (i % 8 == 7) {
          System.out.printf("  %,d leaves after %.1f s, heap used %d MiB%n", written,
              (System.nanoTime() - t0) / 1e9, usedHeapMib());
        }
      }
      root = db.finalized().rootProofHash();
    }
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    long disk = diskBytes(dir);
    System.out.printf("built and committed %,d leaves in %.1f s (%,.0f leaves/s), root %s%n",
        written, buildSeconds, written / buildSeconds, root);
    System.out.printf("disk size %,d bytes (%.1f MiB, %.0f bytes/leaf)%n", disk, disk / 1048576.0,
        (double) disk / written);

    long t1 = System.nanoTime();
    try (StateDb db = StateDb.open(RocksDbKeyValueStore.open(dir), config)) {
      StateVersion v = db.finalized();
      System.out.printf("reopened in %.2f s, root %s (%s)%n", (System.nanoTime() - t1) / 1e9,
          v.rootProofHash(), v.rootProofHash().equals(root) ? "same" : "DIFFERENT");
      SplittableRandom rnd = new SplittableRandom(3);
      for (int pass = 1; pass <= 2; pass++) {
        long[] lat = new long[reads];
        long found = 0;
        long p0 = System.nanoTime();
        for (int r = 0; r < reads; r++) {
          long n = rnd.nextLong(written);
          List<String> path = StateTrees.fullLeafPath(fan, n);
          long s = System.nanoTime();
          StateNode node = v.node(path);
          lat[r] = System.nanoTime() - s;
          if (node != null && node.value().equals(StateTrees.leafValue(n, 0))) {
            found++;
          }
        }
        double secs = (System.nanoTime() - p0) / 1e9;
        Arrays.sort(lat);
        System.out.printf("random reads pass %d: %,d reads (%,d correct) %,.0f reads/s, "
                + "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us; cache %s%n",
            pass, reads, found, reads / secs, lat[reads / 2] / 1e3, lat[(int) (reads * 0.99)] / 1e3,
            lat[(int) (reads * 0.999)] / 1e3, lat[reads - 1] / 1e3, db.stats());
      }
    }
    System.out.printf("peak RSS %s, heap max %d MiB%n", peakRss(),
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long usedHeapMib() {
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }

  private static String peakRss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return line.substring(6).trim();
      }
    }
    return "unknown";
  }

  private static long diskBytes(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
