package io.ainj.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 end-to-end test: the official npm client {@code @ainblockchain/ain-js} (pinned in
 * {@code e2e/package-lock.json}), unchanged, drives a dev node started from the shaded jar as a real
 * OS process. The scenario itself lives in {@code e2e/scenario.js}; it prints {@code ok <step>} /
 * {@code FAIL <step>: <why>} lines and exits non-zero if any step failed.
 *
 * <p>Node.js and npm are required. When they are missing the test fails (it does not skip): CI has
 * them, and a silently skipped wire-compatibility test would hide regressions.
 */
class AinJsEndToEndIT extends E2eSupport {
  private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(90);

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void officialAinJsClientRunsTheScenarioAgainstARealNodeProcess(@TempDir Path dataDir) throws Exception {
    Path e2eDir = repoDir().resolve("e2e");
    for (String f : List.of("package.json", "package-lock.json", "scenario.js")) {
      assertTrue(Files.isRegularFile(e2eDir.resolve(f)), "missing " + e2eDir.resolve(f));
    }
    Path nodeBin = executableOnPath(WINDOWS ? "node.exe" : "node");
    Path npmBin = executableOnPath(WINDOWS ? "npm.cmd" : "npm");

    if (!Files.isDirectory(e2eDir.resolve("node_modules").resolve("@ainblockchain").resolve("ain-js"))) {
      Result npm = run(List.of(npmBin.toString(), "ci", "--no-audit", "--no-fund"), e2eDir, NPM_CI_TIMEOUT);
      assertEquals(0, npm.exitCode(), () -> "`npm ci` in " + e2eDir + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
    }

    List<String> nodeLog = new ArrayList<>();
    Process node = startNode(dataDir, nodeLog);
    try {
      String url = awaitUrl(node, nodeLog);
      awaitReadiness(url, node, nodeLog);

      long t0 = System.nanoTime();
      Result scenario = run(List.of(nodeBin.toString(), e2eDir.resolve("scenario.js").toString(), url), e2eDir,
          SCENARIO_TIMEOUT);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      System.out.println("---- e2e/scenario.js (" + ms + " ms, exit " + scenario.exitCode() + ") ----\n" + scenario.output());
      if (scenario.exitCode() != 0) {
        fail("e2e/scenario.js exited with " + scenario.exitCode() + (scenario.timedOut() ? " (killed after timeout)" : "")
            + "\n---- scenario output ----\n" + scenario.output()
            + "\n---- failed steps ----\n" + failedSteps(scenario.output())
            + "\n---- node output (last 80 lines) ----\n" + tail(nodeLog, 80));
      }
      assertTrue(node.isAlive(), () -> "the node died during the scenario:\n" + tail(nodeLog, 80));
    } finally {
      stop(node);
    }
  }

  // ---------------------------------------------------------------------------------------------

}
