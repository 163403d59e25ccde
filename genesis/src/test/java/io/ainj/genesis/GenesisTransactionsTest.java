package io.ainj.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.tx.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenesisTransactionsTest {
  private static final AinCrypto CRYPTO = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
  @TempDir Path tmp;

  /** The embedded base config must rebuild AIN's prebuilt base genesis transactions exactly. */
  @Test
  void embeddedBaseRebuildsAinsGenesisTransactions() {
    GenesisFiles files = GenesisFiles.embedded();
    assertSameTransactions(files);
  }

  /** A directory holding only 1-node's blockchain_params.json falls back to base for the rest. */
  @Test
  void oneNodeOverBaseRebuildsAinsOneNodeGenesisTransactions() throws Exception {
    Path shared = sharedConfigs();
    if (shared == null) {
      return; // ../shared is not beside this checkout; the embedded-base test still runs
    }
    assertSameTransactions(GenesisFiles.load(shared.resolve("1-node")));
  }

  private static void assertSameTransactions(GenesisFiles files) {
    JsonNode prebuilt = files.prebuiltGenesisBlock();
    assertNotNull(prebuilt);
    List<Transaction> txs = GenesisTransactions.build(GenesisParams.from(files, CRYPTO), CRYPTO);
    ArrayNode ours = JsonNodeFactory.instance.arrayNode();
    txs.forEach(t -> ours.add(t.toJson()));
    assertEquals(prebuilt.path("transactions").size(), ours.size());
    for (int i = 0; i < ours.size(); i++) {
      assertEquals(prebuilt.path("transactions").get(i).path("hash").asText(), ours.get(i).path("hash").asText(), "tx " + i);
      assertEquals(prebuilt.path("transactions").get(i).path("signature").asText(),
          ours.get(i).path("signature").asText(), "tx " + i);
    }
    assertEquals(prebuilt.path("transactions_hash").asText(), Block.hashOf(ours));
  }

  @Test
  void invalidConfigsFailWithTheFileAndField() throws Exception {
    Files.writeString(tmp.resolve(GenesisFiles.BLOCKCHAIN_PARAMS), "{\"genesis\": 5}");
    GenesisException e = assertThrows(GenesisException.class,
        () -> GenesisParams.from(GenesisFiles.load(tmp), CRYPTO));
    assertTrue(e.getMessage().contains("blockchain_params.json") && e.getMessage().contains("genesis"), e.getMessage());

    String params = new String(GenesisFiles.class.getResourceAsStream("/io/ainj/genesis/base/blockchain_params.json").readAllBytes());
    Files.writeString(tmp.resolve(GenesisFiles.BLOCKCHAIN_PARAMS), params.replace("\"chain_id\": 0", "\"chain_id\": 500"));
    e = assertThrows(GenesisException.class, () -> GenesisParams.from(GenesisFiles.load(tmp), CRYPTO));
    assertTrue(e.getMessage().contains("chain_id"), e.getMessage());

    Files.writeString(tmp.resolve(GenesisFiles.BLOCKCHAIN_PARAMS), params);
    Files.writeString(tmp.resolve(GenesisFiles.GENESIS_ACCOUNTS), "{\"owner\": {\"address\": \"0xAAAf6f50A0304F12119D218b94bea8082642515B\", \"private_key\": \"" + "11".repeat(32) + "\"}}");
    e = assertThrows(GenesisException.class, () -> GenesisParams.from(GenesisFiles.load(tmp), CRYPTO));
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());

    Files.writeString(tmp.resolve(GenesisFiles.GENESIS_RULES), "[1,2]");
    e = assertThrows(GenesisException.class, () -> GenesisFiles.load(tmp));
    assertTrue(e.getMessage().contains("genesis_rules.json"), e.getMessage());
    Files.writeString(tmp.resolve(GenesisFiles.GENESIS_RULES), "{ broken");
    assertThrows(GenesisException.class, () -> GenesisFiles.load(tmp));
    assertThrows(GenesisException.class, () -> GenesisFiles.load(tmp.resolve("absent")));
  }

  static Path sharedConfigs() {
    String dir = System.getProperty("ainj.shared.dir");
    if (dir == null) {
      return null;
    }
    Path p = Path.of(dir, "ain-configs");
    return Files.isDirectory(p) ? p : null;
  }
}
