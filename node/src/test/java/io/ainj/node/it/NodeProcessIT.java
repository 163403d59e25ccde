package io.ainj.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as an operator runs it: a real process on RocksDB, killed with SIGKILL under load
 * and restarted, stopped with SIGTERM, and protected against a second process on its data dir.
 */
class NodeProcessIT {
  /** A funded account of AIN's base genesis (public test key). */
  static final String KEY_HEX = readGenesisKey(0);
  @TempDir Path dir;

  static String readGenesisKey(int index) {
    try (var in = NodeProcessIT.class.getResourceAsStream("/io/ainj/genesis/base/genesis_accounts.json")) {
      return AinJson.mapper().readTree(in).path("others").get(index).path("private_key").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void killNineUnderLoadLosesNothingFinalizedAndSigtermStopsCleanly() throws Exception {
    byte[] key = Keys.parsePrivateKey(KEY_HEX);
    String me = NodeProcess.CRYPTO.address(key);
    Path data = dir.resolve("data");
    List<String> finalized = new ArrayList<>();
    String app = "itapp";
    try (NodeProcess node = NodeProcess.start(data)) {
      ObjectNode create = JsonNodeFactory.instance.objectNode();
      create.putObject("admin").put(me, true);
      JsonNode created = node.send(NodeProcess.setValue("/manage_app/" + app + "/create/1", create, -1,
          System.currentTimeMillis()), key);
      node.awaitFinalized(created.path("tx_hash").asText(), Duration.ofSeconds(20));

      // A second process on the same data directory is refused.
      Process second = new ProcessBuilder(NodeProcess.javaBin(), "-jar", NodeProcess.jar().toString(), "start", "--dev",
          "--data-dir", data.toString(), "--rpc-port", "0").redirectErrorStream(true).start();
      String secondOut = new String(second.getInputStream().readAllBytes());
      assertEquals(1, second.waitFor(), secondOut);
      assertTrue(secondOut.contains("in use by another ainj process"), secondOut);

      // Load from a background thread while we record what the node reports finalized.
      AtomicBoolean stop = new AtomicBoolean();
      List<String> sent = new ArrayList<>();
      Thread load = new Thread(() -> {
        long ts = System.currentTimeMillis();
        int i = 0;
        while (!stop.get() && i < 400) {
          try {
            JsonNode r = node.send(NodeProcess.setValue("/apps/" + app + "/k" + i,
                JsonNodeFactory.instance.numberNode(i), -1, ts + i), key);
            synchronized (sent) {
              sent.add(r.path("tx_hash").asText());
            }
            i++;
          } catch (Exception e) {
            return; // the node was killed
          }
        }
      });
      load.start();
      Thread.sleep(1500);
      List<String> snapshot;
      synchronized (sent) {
        snapshot = new ArrayList<>(sent);
      }
      for (String h : snapshot) {
        if (node.tx(h).path("is_finalized").asBoolean(false)) {
          finalized.add(h);
        }
      }
      assertFalse(finalized.isEmpty(), "no transaction was finalized under load");
      node.kill9();
      stop.set(true);
      load.join();
    }

    String rootAfterRestart;
    try (NodeProcess node = NodeProcess.start(data)) {
      for (String h : finalized) {
        JsonNode t = node.tx(h);
        assertTrue(t.path("is_finalized").asBoolean(false), "finalized tx " + h + " was lost: " + t);
        JsonNode body = t.path("transaction").path("tx_body");
        assertEquals(body.path("operation").path("value"), node.get(body.path("operation").path("ref").asText(), true));
      }
      rootAfterRestart = node.status("state_root");
      String tip = node.status("last_block_number");
      int code = node.terminate();
      assertEquals(0, code, "SIGTERM must end the node with exit code 0");
      assertTrue(node.output().contains("ainj node stopped"), "no clean shutdown:\n" + node.output());
      // A clean stop and start reopens at the same tip and root.
      try (NodeProcess again = NodeProcess.start(data)) {
        assertTrue(Long.parseLong(again.status("last_block_number")) >= Long.parseLong(tip));
        if (again.status("last_block_number").equals(tip)) {
          assertEquals(rootAfterRestart, again.status("state_root"));
        }
        assertNotEquals("", again.status("state_root"));
      }
    }
    assertTrue(Files.exists(data.resolve("LOCK")));
  }

  /** The Prometheus endpoint of a running node shows the key meters moving under traffic. */
  @Test
  void metricsEndpointShowsTheNodeWorking() throws Exception {
    byte[] key = Keys.parsePrivateKey(readGenesisKey(8));
    try (NodeProcess node = NodeProcess.start(dir.resolve("metrics"), "--metrics-port", "0")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("ainj metrics: (http://\\S+/metrics)").matcher(node.output());
      assertTrue(m.find(), node.output());
      String url = m.group(1);
      String before = scrape(url);
      for (String meter : List.of("ainj_chain_height", "ainj_txs_admitted_total", "ainj_tx_pool_size",
          "ainj_consensus_decided_total", "ainj_signature_checks_seconds_count", "ainj_rpc_calls_total",
          "ainj_state_cached_nodes", "ainj_peers", "jvm_memory_used_bytes")) {
        assertTrue(before.contains(meter), meter + " missing from /metrics");
      }
      ObjectNode bad = NodeProcess.setValue("/nowhere/x", JsonNodeFactory.instance.numberNode(1), 99, 1);
      JsonNode refused = node.send(bad, key); // a wrong numbered nonce: refused with 10712
      assertEquals(10712, refused.path("result").path("code").asInt(), refused.toString());
      ObjectNode create = JsonNodeFactory.instance.objectNode();
      create.putObject("admin").put(NodeProcess.CRYPTO.address(key), true);
      JsonNode ok = node.send(NodeProcess.setValue("/manage_app/metricsapp/create/1", create, -1,
          System.currentTimeMillis()), key);
      node.awaitFinalized(ok.path("tx_hash").asText(), Duration.ofSeconds(20));
      String after = scrape(url);
      assertTrue(value(after, "ainj_txs_admitted_total") > value(before, "ainj_txs_admitted_total"), after);
      assertTrue(value(after, "ainj_txs_committed_total") >= 1, after);
      assertTrue(value(after, "ainj_chain_height") > value(before, "ainj_chain_height"), after);
      assertTrue(value(after, "ainj_signature_checks_seconds_count") >= 2, after);
      assertTrue(value(after, "ainj_txs_refused_total{code=\"10712\"}") >= 1, after);
      assertTrue(after.contains("ainj_rpc_latency_seconds_count{method=\"ain_sendSignedTransaction\"}"), after);
    }
  }

  private static String scrape(String url) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The value of the first sample whose name (with labels) starts with {@code series}. */
  private static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ") || line.startsWith(series + "{")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }
}
