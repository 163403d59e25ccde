package io.ainj.ledger.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** The tracker keeps AIN's record semantics within a bound on how many records it holds. */
class TxTrackerTest {
  private static final long DAY = 86_400_000L;

  private static ObjectNode result(int code) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("code", code);
    r.putObject("gas_amount_total").putObject("bandwidth").put("service", 1)
        .putObject("app").put("chat", 2);
    r.put("gas_cost_total", 0.5);
    r.put("bandwidth_gas_amount", 1);
    return r;
  }

  private static String hash(int i) {
    return String.format("0x%064x", i);
  }

  @Test
  void aRecordKeepsItsFieldsAndItsFirstExecutionResultThroughFinalization() {
    TxTracker t = new TxTracker(DAY, 10);
    ObjectNode first = result(0);
    t.pooled(hash(1), "0xA", 1700.5, true, first, 3, 1_000);
    TxTracker.Record pooled = t.get(hash(1));
    assertEquals(TxTracker.State.EXECUTED, pooled.state());
    assertEquals(3, pooled.index());
    assertEquals(-1, pooled.number());
    assertEquals(first, pooled.execResult());

    t.finalized(hash(1), "0xA", 1700.5, 7, 2, result(10103), false, 2_000);
    TxTracker.Record done = t.get(hash(1));
    assertEquals(TxTracker.State.FINALIZED, done.state());
    assertEquals(7, done.number());
    assertEquals(2, done.index());
    assertEquals(1_000, done.trackedAt());
    assertEquals(1_000, done.executedAt());
    assertEquals(2_000, done.finalizedAt());
    assertTrue(done.isFinalized());
    // AIN merges: the result of the pooled execution is kept.
    assertEquals(first, done.execResult());
    assertEquals(first, done.toJson().get("exec_result"));

    // A transaction first seen in a block (a replica's catch-up) takes the block's result.
    t.finalized(hash(2), "0xB", 1.0, 8, 0, result(10103), true, 3_000);
    assertEquals(TxTracker.State.REVERTED, t.get(hash(2)).state());
    assertEquals(result(10103), t.get(hash(2)).execResult());
    assertEquals(3_000, t.get(hash(2)).trackedAt());
  }

  @Test
  void pastTheBoundTheOldestRecordsInAnEndStateGoAndPooledOnesStay() {
    int bound = 32;
    TxTracker t = new TxTracker(DAY, bound);
    // The oldest record stays pooled throughout; it must survive every trim.
    t.pooled(hash(0), "0xA", 0, true, result(0), 0, 0);
    for (int i = 1; i <= 200; i++) {
      t.pooled(hash(i), "0xA", i, true, result(0), 0, i);
      t.finalized(hash(i), "0xA", i, i, 0, null, false, i);
      assertTrue(t.size() <= bound + bound / 16, "size " + t.size() + " after " + i);
    }
    assertTrue(t.contains(hash(0)));
    assertEquals(TxTracker.State.EXECUTED, t.get(hash(0)).state());
    // The newest finalized records are kept, the oldest went.
    assertTrue(t.contains(hash(200)));
    assertNotNull(t.get(hash(200 - bound + 2)));
    assertFalse(t.contains(hash(1)));
    assertNull(t.get(hash(100)));
    // Records dropped from the pool (an end state) are trimmed like finalized ones.
    t.dropped(hash(0), TxTracker.State.TIMED_OUT);
    for (int i = 201; i <= 260; i++) {
      t.finalized(hash(i), "0xA", i, i, 0, result(0), false, i);
    }
    assertFalse(t.contains(hash(0)));
  }

  @Test
  void recordsTimeOutInTheOrderTheyWereFirstTracked() {
    TxTracker t = new TxTracker(1_000, 100);
    t.pooled(hash(1), "0xA", 1, true, result(0), 0, 100);
    t.pooled(hash(2), "0xA", 2, true, result(0), 1, 200);
    // Finalizing the first later does not make it younger.
    t.finalized(hash(1), "0xA", 1, 5, 0, null, false, 900);
    assertEquals(0, t.evict(1_099));
    assertEquals(1, t.evict(1_100));
    assertFalse(t.contains(hash(1)));
    assertTrue(t.contains(hash(2)));
    assertEquals(1, t.evict(5_000));
    assertEquals(0, t.size());
  }

  @Test
  void theTrackerDoesNotHoldTheResultTreeItWasGiven() throws InterruptedException {
    TxTracker t = new TxTracker(DAY, 10);
    ObjectNode tree = result(0);
    WeakReference<ObjectNode> ref = new WeakReference<>(tree);
    t.pooled(hash(1), "0xA", 1, true, tree, 0, 1);
    tree = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(ref.get(), "the tracker keeps the caller's Jackson tree alive");
    assertEquals(result(0), t.get(hash(1)).execResult());
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TxTracker(DAY, 0));
  }
}
