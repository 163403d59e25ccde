package io.ainj.consensus.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain-Java entry point of the simulator (no JUnit), for {@code ainj simulate}, CI and
 * benchmarks. Every run is independent and deterministic in its seed.
 */
public final class SimulationRunner {
  private SimulationRunner() {}

  /** One seed of the randomized fault mix. */
  public static SimulationResult run(int validators, int faulty, long seed) {
    return run(SimulationConfig.randomized(validators, faulty, seed));
  }

  public static SimulationResult run(SimulationConfig config) {
    return new Simulation(config).run();
  }

  /** Summary of a sweep. */
  public record Sweep(int passed, int failed, List<SimulationResult> failures) {}

  /**
   * Runs seeds {@code seedStart .. seedStart + seeds - 1}, printing one line per failing seed
   * and {@code "S passed, M failed"} last (the CLI contract).
   */
  public static Sweep sweep(int validators, int faulty, int seeds, long seedStart,
      PrintStream out) {
    int passed = 0;
    List<SimulationResult> failures = new ArrayList<>();
    for (long s = seedStart; s < seedStart + seeds; s++) {
      SimulationResult r = run(validators, faulty, s);
      if (r.ok()) {
        passed++;
      } else {
        failures.add(r);
        out.println(r.line());
      }
    }
    out.println(passed + " passed, " + failures.size() + " failed");
    return new Sweep(passed, failures.size(), List.copyOf(failures));
  }

  /**
   * {@code java -cp ... io.ainj.consensus.sim.SimulationRunner --validators 4 --faulty 1
   * --seeds 100 [--seed-start 0]}; exit status 1 when a seed failed, 2 on bad arguments.
   */
  public static void main(String[] args) {
    int validators = 4;
    int faulty = 1;
    int seeds = 10;
    long seedStart = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--validators" -> validators = Integer.parseInt(args[++i]);
          case "--faulty" -> faulty = Integer.parseInt(args[++i]);
          case "--seeds" -> seeds = Integer.parseInt(args[++i]);
          case "--seed-start" -> seedStart = Long.parseLong(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (validators < 1 || faulty < 0 || faulty >= validators || seeds < 0) {
        throw new IllegalArgumentException("need validators >= 1, 0 <= faulty < validators");
      }
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: --validators N --faulty F --seeds S [--seed-start K]");
      System.exit(2);
      return;
    }
    Sweep sweep = sweep(validators, faulty, seeds, seedStart, System.out);
    System.exit(sweep.failed() == 0 ? 0 : 1);
  }
}
