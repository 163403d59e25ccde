package io.ainj.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CI list of seeds. Each seed draws its own mix of delays, drops, duplication, reordering,
 * partitions, crash-restarts (also in the middle of executing effects) and byzantine behaviour;
 * the simulator checks agreement, validity and no honest double-signing after every step and
 * liveness after stabilisation. A seed that ever fails goes to {@link #REGRESSIONS}.
 */
class SimulationTest {
  /** Seeds that once failed, with what broke then (all fixed). */
  static final long[][] REGRESSIONS = {
    // n, f, seed: a node that learned the height by sync could not hand laggards a certificate
    {7, 2, 7},
    // an equivocator's fake commit poisoned the laggards' logs (fixed by relaying certificates)
    {7, 2, 61},
    // one validator ahead by a view (after a restart) left the others short of 2f+1 forever
    {4, 1, 365},
  };

  static LongStream fourValidatorSeeds() {
    return LongStream.range(1_000, 1_040);
  }

  static LongStream sevenValidatorSeeds() {
    return LongStream.range(2_000, 2_006);
  }

  static void assertPasses(SimulationResult r) {
    assertTrue(r.ok(), r::line);
    assertTrue(r.minHonestHeight() >= 3, () -> "too little progress: " + r.line());
  }

  @ParameterizedTest(name = "n=4 f=1 seed {0}")
  @MethodSource("fourValidatorSeeds")
  void fourValidatorsOneByzantine(long seed) {
    assertPasses(SimulationRunner.run(4, 1, seed));
  }

  @ParameterizedTest(name = "n=7 f=2 seed {0}")
  @MethodSource("sevenValidatorSeeds")
  void sevenValidatorsTwoByzantine(long seed) {
    assertPasses(SimulationRunner.run(7, 2, seed));
  }

  @Test
  void regressions() {
    for (long[] r : REGRESSIONS) {
      assertPasses(SimulationRunner.run((int) r[0], (int) r[1], r[2]));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"SILENT", "EQUIVOCATE", "INVALID_PROPOSALS", "CONFLICTING_VIEW_CHANGES"})
  void everyByzantineBehaviourWithCrashesAndPartitions(String behaviour) {
    for (long seed = 0; seed < 5; seed++) {
      SimulationConfig c = SimulationConfig.randomized(4, 1, 3_000 + seed)
          .withBehaviours(List.of(Behaviour.valueOf(behaviour)))
          .withChaos(15_000, 0.1, 2, 3, 0.01);
      assertPasses(SimulationRunner.run(c));
    }
  }

  @Test
  void honestClusterWithoutFaultsNeverChangesView() {
    SimulationResult r = SimulationRunner.run(SimulationConfig.calm(4, 0, 1, 5_000));
    assertPasses(r);
    assertEquals(0, r.viewChanges());
    assertTrue(r.minHonestHeight() > 50, r::line);
  }

  @Test
  void sameSeedSameRun() {
    SimulationResult a = SimulationRunner.run(4, 1, 77);
    SimulationResult b = SimulationRunner.run(4, 1, 77);
    assertEquals(a, b);
  }

  @Test
  void everyPacketAndSafetyStateThroughTheByteCodecs() {
    for (long seed = 0; seed < 3; seed++) {
      assertPasses(SimulationRunner.run(
          SimulationConfig.randomized(4, 1, 4_000 + seed).withEncodeMessages(true)));
    }
  }

  /** The same protocol with real secp256k1 signatures (slower: short chaos, n = 4). */
  @Test
  void realSecp256k1Signatures() {
    SimulationConfig c = SimulationConfig.randomized(4, 1, 5_000)
        .withBehaviours(List.of(Behaviour.EQUIVOCATE))
        .withChaos(3_000, 0.05, 1, 1, 0.0)
        .withRealCrypto(true)
        .withEncodeMessages(true);
    assertPasses(SimulationRunner.run(c));
  }

  /** The liveness check can fail: two silent validators of four leave no quorum. */
  @Test
  void livenessCheckDetectsAStall() {
    SimulationConfig c = SimulationConfig.randomized(4, 2, 6_000)
        .withBehaviours(List.of(Behaviour.SILENT, Behaviour.SILENT));
    SimulationResult r = SimulationRunner.run(c);
    assertTrue(!r.ok() && r.failure().startsWith("liveness"), r::line);
    assertEquals(0, r.maxHonestHeight());
  }

  @Test
  void sweepPrintsFailingSeedsAndASummaryLast() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SimulationRunner.Sweep s = SimulationRunner.sweep(4, 1, 3, 10,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("3 passed, 0 failed", lines[lines.length - 1]);
    assertEquals(3, s.passed());

    // Two byzantine validators of four usually stall; every failing seed gets its own line.
    bytes.reset();
    SimulationRunner.Sweep bad = SimulationRunner.sweep(4, 2, 4, 0,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> out = new ArrayList<>(List.of(bytes.toString(StandardCharsets.UTF_8).split("\n")));
    assertEquals(bad.passed() + " passed, " + bad.failed() + " failed", out.get(out.size() - 1));
    assertEquals(bad.failed(), out.size() - 1);
    for (String line : out.subList(0, out.size() - 1)) {
      assertTrue(line.startsWith("seed ") && line.contains("FAILED"), line);
    }
  }
}
