package io.ainj.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.conformance.CaseResult;
import io.ainj.crypto.conformance.SigningVectorRunner;
import io.ainj.statedb.conformance.StateVectorRunner;
import io.ainj.statedb.conformance.VectorResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ainj conformance}: run reference vector files against this implementation. */
@Command(
    name = "conformance",
    description =
        "Run a file of reference vectors: one line per case (PASS name, or FAIL name: why), "
            + "then 'N passed, M failed'. Exits 1 if any case failed, 2 if the file is unreadable.",
    subcommands = {ConformanceCommand.Signing.class, ConformanceCommand.State.class})
public final class ConformanceCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "signing",
      description = "Signing vectors (format of shared/vectors/signing_vectors.json): keys, "
          + "transactions, messages, block hashes, checksums, proposer selection.")
  static final class Signing implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin CryptoOption crypto;

    @Parameters(paramLabel = "FILE", description = "The vector file.")
    Path file;

    @Override
    public Integer call() {
      JsonNode vectors;
      try {
        vectors = AinJson.parse(Files.readString(file));
      } catch (IOException | RuntimeException e) {
        spec.commandLine().getErr().println("error: cannot read " + file + ": " + e.getMessage());
        return 2;
      }
      return report(new SigningVectorRunner(crypto.crypto()).run(vectors), spec.commandLine().getOut());
    }
  }

  @Command(
      name = "state",
      description = "State vectors (format of shared/vectors/state_vectors.json): reads, proofs, "
          + "state helpers, and the writes, rules, owners and functions of the vm. A vector whose "
          + "op this build cannot run yet is printed as SKIP and counted apart.")
  static final class State implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The vector file.")
    Path file;

    @Override
    public Integer call() {
      JsonNode vectors;
      try {
        vectors = AinJson.parse(Files.readString(file));
      } catch (IOException | RuntimeException e) {
        spec.commandLine().getErr().println("error: cannot read " + file + ": " + e.getMessage());
        return 2;
      }
      List<VectorResult> results;
      try {
        results = new StateVectorRunner(VmConformance.executor()).run(vectors);
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("error: " + file + " is not a state vector file: " + e.getMessage());
        return 2;
      }
      PrintWriter out = spec.commandLine().getOut();
      long passed = 0;
      long failed = 0;
      long skipped = 0;
      for (VectorResult r : results) {
        out.println(r.line());
        switch (r.status()) {
          case PASS -> passed++;
          case FAIL -> failed++;
          case UNSUPPORTED -> skipped++;
        }
      }
      out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }

  static int report(List<CaseResult> results, PrintWriter out) {
    long failed = 0;
    for (CaseResult r : results) {
      out.println(r.line());
      if (!r.passed()) {
        failed++;
      }
    }
    out.println((results.size() - failed) + " passed, " + failed + " failed");
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
