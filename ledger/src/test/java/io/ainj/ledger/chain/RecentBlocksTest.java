package io.ainj.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ainj.ledger.block.Block;
import org.junit.jupiter.api.Test;

class RecentBlocksTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static Block block(long number, int txs) {
    ArrayNode t = JSON.arrayNode();
    ArrayNode r = JSON.arrayNode();
    for (int i = 0; i < txs; i++) {
      t.addObject().put("hash", "0x" + number + "_" + i);
      r.addObject().put("code", 0);
    }
    return Block.assemble("", JSON.arrayNode(), JSON.objectNode(), t, r, number, 0, number, "0x00",
        "0xproposer", JSON.objectNode(), 0, 0);
  }

  @Test
  void fullBlocksAreBoundedByTheirTransactions() {
    RecentBlocks recent = new RecentBlocks(256, 2_500);
    for (long n = 1; n <= 10; n++) {
      recent.put(block(n, 1_000));
    }
    assertEquals(2, recent.size());
    assertEquals(2_000, recent.transactions());
    assertNotNull(recent.get(10));
    assertNotNull(recent.get(9));
    assertNull(recent.get(8));
  }

  @Test
  void smallBlocksAreBoundedByTheirCount() {
    RecentBlocks recent = new RecentBlocks(4, 10_000);
    for (long n = 1; n <= 10; n++) {
      recent.put(block(n, 3));
    }
    assertEquals(4, recent.size());
    assertEquals(12, recent.transactions());
    assertNull(recent.get(6));
  }

  @Test
  void theNewestBlockStaysEvenWhenItAloneIsOverTheBound() {
    RecentBlocks recent = new RecentBlocks(256, 100);
    recent.put(block(1, 10));
    recent.put(block(2, 500));
    assertEquals(1, recent.size());
    assertNotNull(recent.get(2));
    assertEquals(500, recent.transactions());
  }

  @Test
  void aBlockReadAgainOutlivesOlderUnreadOnes() {
    RecentBlocks recent = new RecentBlocks(3, 10_000);
    recent.put(block(1, 1));
    recent.put(block(2, 1));
    recent.put(block(3, 1));
    recent.get(1);
    recent.put(block(4, 1));
    assertNotNull(recent.get(1));
    assertNull(recent.get(2));
  }

  @Test
  void puttingTheSameBlockTwiceCountsItOnce() {
    RecentBlocks recent = new RecentBlocks(8, 10_000);
    recent.put(block(1, 7));
    recent.put(block(1, 7));
    assertEquals(1, recent.size());
    assertEquals(7, recent.transactions());
  }

  @Test
  void boundsMustMakeSense() {
    assertThrows(IllegalArgumentException.class, () -> new RecentBlocks(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new RecentBlocks(1, -1));
  }
}
