package io.ainj.node.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
    Result scenario = runScenario(dataDir, "ainft.js", SCENARIO_TIMEOUT, java(), jar().toString());
    assertTrue(scenario.output().contains("ok ainft_verify_files"), () -> "the verify step ran:\n" + scenario.output());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", WINDOWS ? "java.exe" : "java").toString();
  }
}
