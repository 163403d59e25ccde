package io.ainj.benchmarks;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.vm.ainft.AinftFixtures;
import io.ainj.vm.ainft.AinftQueries;
import io.ainj.vm.ainft.AinftRequests;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * AINFT (issue 8): lineage queries at depth 100 over a state holding many AINFTs, and mints
 * through the vm's native AINFT service (the code the block executor runs for each mint).
 */
public class AinftBenchmark {
  static final String ADMIN = "0x00ADEc28B6a845a085e03591bE7550dd68673C1C";

  /** A state with a 101-long lineage chain plus {@code tokens - 101} other AINFTs. */
  @State(Scope.Benchmark)
  public static class Lineage {
    @Param({"100000"})
    public int tokens;

    StateVersion version;
    String first;
    String last;

    @Setup(Level.Trial)
    public void seed() {
      MutableState state = StateVersion.empty("bench").edit("B", StateDbConfig.defaults());
      List<String> chain = AinftFixtures.seed(state, "bench", ADMIN, 101, tokens - 101);
      first = chain.get(0);
      last = chain.get(chain.size() - 1);
      version = state.snapshot();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  @Fork(value = 1, jvmArgs = "-Xmx4g")
  public Json ancestorsDepth100(Lineage s) {
    return AinftQueries.of(s.version).lineage(s.last, AinftQueries.Direction.ANCESTORS, 100, 10_000);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  @Fork(value = 1, jvmArgs = "-Xmx4g")
  public Json descendantsDepth100(Lineage s) {
    return AinftQueries.of(s.version).lineage(s.first, AinftQueries.Direction.DESCENDANTS, 100, 10_000);
  }

  /** A collection ready for mints; each invocation mints a token with a fresh digest. */
  @State(Scope.Thread)
  public static class Minting {
    MutableState state;
    long n;

    @Setup(Level.Iteration)
    public void collection() {
      state = StateVersion.empty("bench").edit("M", StateDbConfig.defaults());
      AinftFixtures.seed(state, "mint", ADMIN, 1, 0);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  @Fork(1)
  public Json mint(Minting m) {
    long i = m.n++;
    return AinftFixtures.request(m.state, "mint", ADMIN, "k" + i,
        AinftRequests.mintData("mint", AinftFixtures.digest(1_000_000L + i), Map.of()));
  }
}
