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
 * Issue 8 end-to-end test: the official npm client {@code @ainblockchain/ain-js}, unchanged, drives
 * native AINFTs on a dev node started from the shaded jar as a real OS process. The scenario lives
 * in {@code e2e/ainft.js} (collections, a dataset, a model derived from it, a service derived from
 * the model, rejections with their codes, a usage payment split along the lineage with every
 * balance checked, lineage and payout queries, versions, transfer/approve/burn) and runs
 * {@code ainj ainft verify} from the same jar on local files. It prints {@code ok <step>} /
 * {@code FAIL <step>: <why>} lines and exits non-zero if any step failed.
 *
 * <p>Node.js and npm are required; the test fails (does not skip) when they are missing, like
 * {@link AinJsEndToEndIT}, whose harness this follows.
 */
class AinftEndToEndIT extends E2eSupport {
  private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(120);

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void officialAinJsClientMintsLineagePaysAndVerifiesAinfts(@TempDir Path dataDir) throws Exception {
    Path e2eDir = repoDir().resolve("e2e");
    for (String f : List.of("package.json", "package-lock.json", "ainft.js")) {
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
      Result scenario = run(List.of(nodeBin.toString(), e2eDir.resolve("ainft.js").toString(), url, java(),
          jar().toString()), e2eDir, SCENARIO_TIMEOUT);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      System.out.println("---- e2e/ainft.js (" + ms + " ms, exit " + scenario.exitCode() + ") ----\n" + scenario.output());
      if (scenario.exitCode() != 0) {
        fail("e2e/ainft.js exited with " + scenario.exitCode() + (scenario.timedOut() ? " (killed after timeout)" : "")
            + "\n---- scenario output ----\n" + scenario.output()
            + "\n---- failed steps ----\n" + failedSteps(scenario.output())
            + "\n---- node output (last 80 lines) ----\n" + tail(nodeLog, 80));
      }
      assertTrue(scenario.output().contains("ok ainft_verify_files"), () -> "the verify step ran:\n" + scenario.output());
      assertTrue(node.isAlive(), () -> "the node died during the scenario:\n" + tail(nodeLog, 80));
    } finally {
      stop(node);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", WINDOWS ? "java.exe" : "java").toString();
  }
}
