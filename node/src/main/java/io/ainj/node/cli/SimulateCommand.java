package io.ainj.node.cli;

import io.ainj.consensus.sim.SimulationRunner;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ainj simulate}: the deterministic PBFT simulator over many seeds. */
@Command(
    name = "simulate",
    description = "Run the deterministic PBFT simulator (virtual clock, delays, drops, partitions, "
        + "crash-restarts, byzantine validators) over S seeds; prints each failing seed with what "
        + "broke, then 'S passed, M failed'. Exits 1 if a seed failed.")
public final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--validators", required = true, paramLabel = "N", description = "Number of validators.")
  int validators;

  @Option(names = "--faulty", defaultValue = "0", paramLabel = "F",
      description = "Number of byzantine or crashing validators (at most (N-1)/3). Default: ${DEFAULT-VALUE}.")
  int faulty;

  @Option(names = "--seeds", defaultValue = "100", paramLabel = "S", description = "How many seeds. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--seed-start", defaultValue = "0", paramLabel = "K", description = "First seed. Default: ${DEFAULT-VALUE}.")
  long seedStart;

  @Override
  public Integer call() {
    if (validators < 1 || faulty < 0 || 3 * faulty + 1 > validators || seeds < 1) {
      spec.commandLine().getErr().println("error: need N >= 1, 0 <= F, 3F + 1 <= N and S >= 1");
      return 2;
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
    SimulationRunner.Sweep sweep = SimulationRunner.sweep(validators, faulty, seeds, seedStart, out);
    out.flush();
    return sweep.failed() == 0 ? 0 : 1;
  }
}
