package io.ainj.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import io.ainj.node.Node;
import io.ainj.node.cli.Main;
import io.ainj.p2p.InMemoryNetwork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four validators in one JVM over {@link InMemoryNetwork} (the same sessions, handshake and
 * limits as TCP): a transaction sent to one validator is finalized on all; a validator cut off
 * from the others while they keep committing catches up through block sync to the same hashes.
 */
class InMemoryClusterIT {
  private static final AinCrypto CRYPTO = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
  @TempDir Path dir;

  @Test
  void fourValidatorsInOneJvm() throws Exception {
    Path out = dir.resolve("net");
    assertEquals(0, Main.run("testnet", "init", "--validators", "4", "--out", out.toString(),
        "--empty-block-interval-ms", "300", "--round-timeout-ms", "800"));
    JsonNode list = AinJson.parse(Files.readString(out.resolve("nodes.json")));
    List<String> addresses = new ArrayList<>();
    list.forEach(n -> addresses.add(n.path("address").asText()));
    InMemoryNetwork net = new InMemoryNetwork();
    List<Node> nodes = new ArrayList<>();
    try {
      for (JsonNode n : list) {
        HomeConfig hc = HomeConfig.load(Path.of(n.path("home").asText()), EcdsaBackends.Choice.AUTO, 0);
        Node node = new Node(hc.node(), hc.network()).withTransports((id, cfg) -> net.create(id, cfg, addresses));
        node.start();
        nodes.add(node);
      }
      await(() -> nodes.stream().allMatch(n -> n.chain().latestNumber() >= 2), "first blocks on all validators");

      byte[] key = Keys.parsePrivateKey(genesisKey(out));
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putObject("operation").put("type", "SET_VALUE").put("ref", "/accounts/" + CRYPTO.address(key) + "/note")
          .put("value", "hi");
      body.put("nonce", -1).put("timestamp", System.currentTimeMillis()).put("gas_price", 0);
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      params.set("tx_body", body);
      params.put("signature", CRYPTO.signTransaction(body, key, 0).encode());
      JsonNode sent = rpc(nodes.get(2), "ain_sendSignedTransaction", params);
      String hash = sent.path("result").path("tx_hash").asText();
      await(() -> nodes.stream().allMatch(n -> n.chain().transactionByHash(hash)
          .map(t -> t.path("is_finalized").asBoolean(false)).orElse(false)), "the transaction finalized everywhere");

      // cut validator 3 off; the other three keep committing
      for (int i = 0; i < 3; i++) {
        net.cut(addresses.get(3), addresses.get(i));
      }
      long before = nodes.get(0).chain().latestNumber();
      await(() -> nodes.get(0).chain().latestNumber() >= before + 4, "three validators commit without the fourth");
      for (int i = 0; i < 3; i++) {
        net.heal(addresses.get(3), addresses.get(i));
      }
      long target = nodes.get(0).chain().latestNumber();
      await(() -> nodes.get(3).chain().latestNumber() >= target, "the cut-off validator catches up");
      for (long h = 1; h <= target; h++) {
        String expected = nodes.get(0).chain().store().byNumber(h).orElseThrow().hash();
        for (Node n : nodes) {
          assertEquals(expected, n.chain().store().byNumber(h).orElseThrow().hash(), "block " + h);
          assertTrue(n.chain().store().certificate(h).isPresent(), "certificate of block " + h);
        }
      }
    } finally {
      for (Node n : nodes) {
        n.close();
      }
    }
  }

  private static String genesisKey(Path out) throws Exception {
    return AinJson.parse(Files.readString(out.resolve("genesis/genesis_accounts.json"))).path("others").get(0)
        .path("private_key").asText();
  }

  private static JsonNode rpc(Node node, String method, ObjectNode params) throws Exception {
    params.put("protoVer", "1.0.0");
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", method).set("params", params);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + node.rpcAddress().getPort() + "/json-rpc"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(AinJson.writeJsString(req))).build(), HttpResponse.BodyHandlers.ofString());
    return AinJson.parse(r.body()).path("result");
  }

  private static void await(BooleanSupplier cond, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(50);
    }
  }
}
