package io.ainj.ledger.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.LedgerTestData;
import org.junit.jupiter.api.Test;

class BlockTest {

  @Test
  void ainPrebuiltGenesisBlocksRehashExactly() {
    JsonNode vectors = LedgerTestData.signingVectors();
    Block oneNode = Block.fromJson(LedgerTestData.genesisBlock1Node());
    assertEquals(vectors.path("block_hashes").path("genesis_1node_header").path("expected_block_hash").asText(),
        oneNode.hash());
    assertEquals(vectors.path("block_hashes").path("genesis_1node_receipts").path("expected").asText(),
        oneNode.header().receiptsHash());
    Block base = Block.fromJson(LedgerTestData.genesisBlockBase());
    assertEquals(LedgerTestData.genesisBlockBase().path("hash").asText(), base.hash());
  }

  @Test
  void sizeMatchesAinsObjectSizeof() {
    JsonNode raw = LedgerTestData.genesisBlock1Node();
    assertEquals(raw.path("size").asLong(), Block.fromJson(raw).size());
  }

  @Test
  void roundTripsThroughJson() {
    Block block = Block.fromJson(LedgerTestData.genesisBlock1Node());
    Block again = Block.fromJson(block.toJson());
    assertEquals(block.hash(), again.hash());
    assertEquals(block.toJson(), again.toJson());
  }

  @Test
  void tamperingIsDetected() {
    ObjectNode raw = (ObjectNode) LedgerTestData.genesisBlock1Node().deepCopy();
    raw.put("timestamp", 1640995200000L);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Block.fromJson(raw))
        .getMessage().startsWith("hash mismatch"));
    ObjectNode body = (ObjectNode) LedgerTestData.genesisBlock1Node().deepCopy();
    ((ObjectNode) body.path("receipts").get(2)).put("code", 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Block.fromJson(body))
        .getMessage().startsWith("receipts_hash"));
    ObjectNode missing = (ObjectNode) LedgerTestData.genesisBlock1Node().deepCopy();
    missing.remove("validators");
    assertThrows(IllegalArgumentException.class, () -> Block.fromJson(missing));
  }

  @Test
  void assembleComputesEveryHash() {
    Block source = Block.fromJson(LedgerTestData.genesisBlock1Node());
    BlockHeader h = source.header();
    Block built = Block.assemble(h.lastHash(), source.lastVotes(), source.evidence(),
        source.transactions(), source.receipts(), h.number(), h.epoch(), h.timestamp(),
        h.stateProofHash(), h.proposer(), h.validators(), h.gasAmountTotal(), h.gasCostTotal());
    assertEquals(source.hash(), built.hash());
  }
}
