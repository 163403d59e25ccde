package io.ainj.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator that was down for many blocks catches up from a state snapshot: four real
 * processes with a snapshot checkpoint every 10 blocks and a 30-block threshold; one is killed,
 * the others commit state and 60+ more blocks, and on restart the lagging one fetches the
 * newest checkpoint's state (verified against the certified block), then the remaining blocks,
 * and ends with the same blocks, the same state root and the data written while it was away.
 */
class SnapshotSyncIT {
  private static final int N = 4;
  @TempDir Path dir;
  private final NodeProcess[] nodes = new NodeProcess[N];

  @Test
  void aValidatorFarBehindCatchesUpFromAStateSnapshot() throws Exception {
    Path net = dir.resolve("net");
    int base = 40_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000);
    Process init = new ProcessBuilder(NodeProcess.javaBin(), "-jar", NodeProcess.jar().toString(), "testnet", "init",
        "--validators", Integer.toString(N), "--out", net.toString(), "--base-port", Integer.toString(base),
        "--empty-block-interval-ms", "100", "--round-timeout-ms", "1000",
        "--snapshot-interval-blocks", "10", "--snapshot-threshold-blocks", "30").redirectErrorStream(true).start();
    String initOut = new String(init.getInputStream().readAllBytes());
    assertEquals(0, init.waitFor(), initOut);
    List<Path> homes = new ArrayList<>();
    for (JsonNode n : AinJson.parse(Files.readString(net.resolve("nodes.json")))) {
      homes.add(Path.of(n.path("home").asText()));
    }
    try {
      for (int i = 0; i < N; i++) {
        nodes[i] = NodeProcess.startHome(homes.get(i));
      }
      awaitAtLeast(List.of(0, 1, 2, 3), 3, Duration.ofSeconds(60));

      int lagging = 3;
      nodes[lagging].kill9();
      nodes[lagging] = null;

      byte[] key = Keys.parsePrivateKey(NodeProcessIT.readGenesisKey(0));
      nodes[0].awaitFinalized(nodes[0].createApp("snapit", key), Duration.ofSeconds(30));
      for (int i = 0; i < 20; i++) {
        nodes[i % 3].send(NodeProcess.setValue("/apps/snapit/v" + i, JsonNodeFactory.instance.numberNode(i), -1,
            System.currentTimeMillis() + i), key);
      }
      long down = nodes[0].height();
      awaitAtLeast(List.of(0, 1, 2), down + 70, Duration.ofSeconds(90));

      nodes[lagging] = NodeProcess.startHome(homes.get(lagging));
      long target = nodes[0].height() + 2;
      awaitAtLeast(List.of(0, 1, 2, 3), target, Duration.ofSeconds(90));

      String out = nodes[lagging].output();
      assertTrue(out.contains("installed the state snapshot of block"), "caught up from a snapshot:\n" + NodeProcess.tail(out));
      out.lines().filter(l -> l.contains("snapshot")).forEach(l -> System.out.println("[SnapshotSyncIT] " + l));
      // Same block and same state root at a common height on every validator. Not `target`: the
      // checkpoint the lagging node installed may be newer than it (blocks before a snapshot are
      // not on that node), so take the lagging node's height and wait for the others to have it.
      long h = nodes[lagging].height();
      awaitAtLeast(List.of(0, 1, 2), h, Duration.ofSeconds(30));
      JsonNode ref = nodes[0].block(h);
      for (int i = 1; i < N; i++) {
        JsonNode b = nodes[i].block(h);
        assertEquals(ref.path("hash").asText(), b.path("hash").asText(), "block " + h + " on validator " + i);
        assertEquals(ref.path("state_proof_hash").asText(), b.path("state_proof_hash").asText());
      }
      for (int i = 0; i < 20; i++) {
        assertEquals(i, nodes[lagging].get("/apps/snapit/v" + i, true).asInt(-1), "value " + i + " on the caught-up node");
      }
    } catch (Throwable t) {
      NodeProcess.printOutputs(nodes);
      throw t;
    } finally {
      for (NodeProcess n : nodes) {
        if (n != null) {
          n.kill9();
        }
      }
    }
  }

  private void awaitAtLeast(List<Integer> which, long height, Duration timeout) throws Exception {
    List<NodeProcess> these = new ArrayList<>();
    for (int i : which) {
      these.add(nodes[i]);
    }
    NodeProcess.awaitAtLeast(these, height, timeout);
  }

}
