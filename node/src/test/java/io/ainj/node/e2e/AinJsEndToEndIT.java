package io.ainj.node.e2e;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void officialAinJsClientRunsTheScenarioAgainstARealNodeProcess(@TempDir Path dataDir) throws Exception {
    runScenario(dataDir, "scenario.js", SCENARIO_TIMEOUT);
  }
}
