package io.ainj.consensus.sim;

import io.ainj.consensus.types.ConsensusConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated scenario. {@link #randomized} draws every fault parameter from the seed, so a
 * seed number alone reproduces a failing run.
 *
 * @param validators n
 * @param faulty how many validators are byzantine (indices drawn from the seed)
 * @param seed the only source of randomness
 * @param behaviours one per byzantine validator
 * @param chaosMillis virtual time during which drops, partitions and crashes happen; the network
 *     is stable afterwards (bounded delays, no drops, all honest validators up)
 * @param dropRate probability that a message is lost during chaos
 * @param duplicateRate probability that a message is delivered twice (chaos and after)
 * @param minDelayMillis lower bound of a message delay
 * @param maxDelayMillis upper bound of a normal message delay
 * @param slowRate probability that a message takes up to {@code slowDelayMillis} (reordering)
 * @param slowDelayMillis upper bound of a slow delay
 * @param partitions how many partition episodes happen during chaos
 * @param crashes how many honest crash-restart episodes happen during chaos
 * @param midEffectCrashRate probability, per handled event during chaos, that an honest node
 *     crashes part-way through executing the effects (tests persist-before-send)
 * @param heightsAfterStabilization how many heights beyond the highest honest height at
 *     stabilisation every honest validator must commit
 * @param livenessBoundMillis virtual time after stabilisation within which they must do so
 * @param realCrypto secp256k1 signatures instead of the fast fake ones
 * @param encodeMessages send every packet and safety state through its byte codec
 * @param maxEvents safety net against runaway scenarios
 * @param consensus the state machines' configuration
 */
public record SimulationConfig(
    int validators,
    int faulty,
    long seed,
    List<Behaviour> behaviours,
    long chaosMillis,
    double dropRate,
    double duplicateRate,
    long minDelayMillis,
    long maxDelayMillis,
    double slowRate,
    long slowDelayMillis,
    int partitions,
    int crashes,
    double midEffectCrashRate,
    int heightsAfterStabilization,
    long livenessBoundMillis,
    boolean realCrypto,
    boolean encodeMessages,
    long maxEvents,
    ConsensusConfig consensus) {

  /** Timeouts of the simulated network: far above message delays, small enough to run fast. */
  public static final ConsensusConfig SIM_CONSENSUS =
      ConsensusConfig.DEFAULTS.withRoundTimeouts(400, 6_400).withCheckpointInterval(5);

  public SimulationConfig {
    if (validators < 1) {
      throw new IllegalArgumentException("need at least one validator");
    }
    if (faulty < 0 || faulty >= validators) {
      throw new IllegalArgumentException("faulty must be in [0, validators)");
    }
    behaviours = List.copyOf(behaviours);
    if (behaviours.size() != faulty) {
      throw new IllegalArgumentException("one behaviour per faulty validator");
    }
  }

  /** A scenario with every fault drawn from the seed: the CI and {@code ainj simulate} mix. */
  public static SimulationConfig randomized(int validators, int faulty, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    List<Behaviour> behaviours = new ArrayList<>();
    for (int i = 0; i < faulty; i++) {
      behaviours.add(Behaviour.pick(rnd));
    }
    return new SimulationConfig(
        validators, faulty, seed, behaviours,
        10_000 + rnd.nextLong(15_000),
        rnd.nextDouble() * 0.25,
        rnd.nextDouble() * 0.1,
        1, 5 + rnd.nextLong(60),
        rnd.nextDouble() * 0.05, 1_500,
        rnd.nextInt(4),
        rnd.nextInt(4),
        rnd.nextDouble() < 0.5 ? 0.002 : 0.0,
        3,
        120_000,
        false,
        rnd.nextInt(4) == 0,
        5_000_000,
        SIM_CONSENSUS);
  }

  /** No network faults and no crashes: only the byzantine validators. For benchmarks. */
  public static SimulationConfig calm(int validators, int faulty, long seed, long millis) {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    List<Behaviour> behaviours = new ArrayList<>();
    for (int i = 0; i < faulty; i++) {
      behaviours.add(Behaviour.pick(rnd));
    }
    return new SimulationConfig(validators, faulty, seed, behaviours, millis, 0, 0, 1, 10, 0, 10,
        0, 0, 0, 3, 120_000, false, false, 50_000_000, SIM_CONSENSUS);
  }

  public SimulationConfig withBehaviours(List<Behaviour> v) {
    return new SimulationConfig(validators, v.size(), seed, v, chaosMillis, dropRate,
        duplicateRate, minDelayMillis, maxDelayMillis, slowRate, slowDelayMillis, partitions,
        crashes, midEffectCrashRate, heightsAfterStabilization, livenessBoundMillis, realCrypto,
        encodeMessages, maxEvents, consensus);
  }

  public SimulationConfig withRealCrypto(boolean v) {
    return new SimulationConfig(validators, faulty, seed, behaviours, chaosMillis, dropRate,
        duplicateRate, minDelayMillis, maxDelayMillis, slowRate, slowDelayMillis, partitions,
        crashes, midEffectCrashRate, heightsAfterStabilization, livenessBoundMillis, v,
        encodeMessages, maxEvents, consensus);
  }

  public SimulationConfig withEncodeMessages(boolean v) {
    return new SimulationConfig(validators, faulty, seed, behaviours, chaosMillis, dropRate,
        duplicateRate, minDelayMillis, maxDelayMillis, slowRate, slowDelayMillis, partitions,
        crashes, midEffectCrashRate, heightsAfterStabilization, livenessBoundMillis, realCrypto,
        v, maxEvents, consensus);
  }

  public SimulationConfig withChaos(long millis, double drop, int partitionCount, int crashCount,
      double midEffectCrash) {
    return new SimulationConfig(validators, faulty, seed, behaviours, millis, drop,
        duplicateRate, minDelayMillis, maxDelayMillis, slowRate, slowDelayMillis, partitionCount,
        crashCount, midEffectCrash, heightsAfterStabilization, livenessBoundMillis, realCrypto,
        encodeMessages, maxEvents, consensus);
  }

  public SimulationConfig withConsensus(ConsensusConfig v) {
    return new SimulationConfig(validators, faulty, seed, behaviours, chaosMillis, dropRate,
        duplicateRate, minDelayMillis, maxDelayMillis, slowRate, slowDelayMillis, partitions,
        crashes, midEffectCrashRate, heightsAfterStabilization, livenessBoundMillis, realCrypto,
        encodeMessages, maxEvents, v);
  }
}
