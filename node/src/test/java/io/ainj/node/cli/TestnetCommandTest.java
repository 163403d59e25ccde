package io.ainj.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.genesis.GenesisFiles;
import io.ainj.genesis.GenesisParams;
import io.ainj.genesis.GenesisTransactions;
import io.ainj.node.net.HomeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TestnetCommandTest {
  @TempDir Path tmp;

  private static int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl.execute(args);
  }

  @Test
  void initWritesHomesAValidGenesisAndNodesJson() throws Exception {
    Path out = tmp.resolve("net");
    assertEquals(0, run("testnet", "init", "--validators", "4", "--out", out.toString(), "--base-port", "31000"));
    JsonNode nodes = AinJson.parse(Files.readString(out.resolve("nodes.json")));
    assertEquals(4, nodes.size());
    AinCrypto crypto = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
    GenesisParams genesis = GenesisParams.from(GenesisFiles.load(out.resolve("genesis")), crypto);
    assertEquals(4, genesis.validators().size());
    assertNotNull(GenesisTransactions.build(genesis, crypto)); // every validator can sign its staking tx
    for (int i = 0; i < 4; i++) {
      JsonNode n = nodes.get(i);
      assertEquals(31000 + 2 * i, n.path("p2p_port").asInt());
      assertEquals(31001 + 2 * i, n.path("rpc_port").asInt());
      assertTrue(genesis.validators().containsKey(n.path("address").asText()));
      HomeConfig hc = HomeConfig.load(Path.of(n.path("home").asText()), EcdsaBackends.Choice.AUTO, -1);
      assertEquals(n.path("address").asText(), crypto.address(hc.network().nodeKey()));
      assertEquals(3, hc.network().peers().size());
      assertEquals(31001 + 2 * i, hc.node().rpcPort());
      assertEquals(out.resolve("genesis").toAbsolutePath().normalize(), hc.node().genesisDir().toAbsolutePath().normalize());
    }
    // the public test account others[0] keeps its index
    assertEquals("0x00ADEc28B6a845a085e03591bE7550dd68673C1C", genesis.accounts().get(0).address());
    // a second init into the same directory is refused
    assertEquals(1, run("testnet", "init", "--validators", "4", "--out", out.toString()));
  }

  @Test
  void aHomesRoundTimerIsTheConfiguredOneButAtLeastTwoEmptyBlockIntervals() throws Exception {
    Path a = tmp.resolve("a");
    assertEquals(0, run("testnet", "init", "--validators", "1", "--out", a.toString(), "--base-port", "31100",
        "--round-timeout-ms", "3000", "--empty-block-interval-ms", "1000"));
    HomeConfig ha = HomeConfig.load(a.resolve("node0"), EcdsaBackends.Choice.AUTO, -1);
    assertEquals(3000, io.ainj.node.Node.baseRoundTimeoutMs(ha.node(), ha.network()));
    Path b = tmp.resolve("b");
    assertEquals(0, run("testnet", "init", "--validators", "1", "--out", b.toString(), "--base-port", "31200",
        "--round-timeout-ms", "3000", "--empty-block-interval-ms", "2000"));
    HomeConfig hb = HomeConfig.load(b.resolve("node0"), EcdsaBackends.Choice.AUTO, -1);
    assertEquals(4000, io.ainj.node.Node.baseRoundTimeoutMs(hb.node(), hb.network()));
  }

  @Test
  void startNeedsExactlyOneOfDevAndHome() {
    assertEquals(2, run("start"));
    assertEquals(2, run("start", "--dev", "--home", tmp.toString()));
    assertEquals(1, run("start", "--home", tmp.resolve("missing").toString()));
  }
}
