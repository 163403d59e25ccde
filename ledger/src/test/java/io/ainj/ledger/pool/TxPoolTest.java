package io.ainj.ledger.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.tx.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxPoolTest {
  private static int counter;

  private static Transaction tx(String sender, long nonce, long timestamp, double gasPrice) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("nonce", nonce);
    body.put("timestamp", timestamp);
    body.put("gas_price", gasPrice);
    body.putObject("operation").put("type", "SET_VALUE").put("ref", "/apps/a/" + counter).put("value", 1);
    String hash = String.format("0x%064x", ++counter);
    return new Transaction(body, "0x", hash, sender);
  }

  private static PooledTx pooled(Transaction t, long at) {
    return new PooledTx(t, at, null, true);
  }

  @Test
  void limitsAndCodesFollowAinOrder() {
    TxPool pool = new TxPool(new TxPoolConfig(4, 2, 0.5, 0.5, 1000));
    Transaction a1 = tx("A", 0, 1, 500);
    assertEquals(0, pool.checkRoom(a1));
    assertTrue(pool.add(pooled(a1, 0)));
    assertFalse(pool.add(pooled(a1, 0)));
    assertEquals(TxPool.TX_ALREADY_RECEIVED, pool.checkRoom(a1));
    Transaction a2 = tx("A", 1, 1, 0);
    assertEquals(0, pool.checkRoom(a2));
    pool.add(pooled(a2, 0));
    // A third paid tx for A: the account is full.
    assertEquals(TxPool.TX_POOL_NOT_ENOUGH_ROOM_FOR_ACCOUNT, pool.checkRoom(tx("A", 2, 1, 500)));
    Transaction b1 = tx("B", -1, 1, 0);
    pool.add(pooled(b1, 0));
    // Free share: floor(4 * 0.5) = 2 free txs in all.
    assertEquals(TxPool.TX_POOL_NOT_ENOUGH_FREE_ROOM, pool.checkRoom(tx("C", -1, 1, 0)));
    TxPool small = new TxPool(new TxPoolConfig(10, 2, 1, 0.5, 1000));
    small.add(pooled(tx("A", -1, 1, 0), 0));
    assertEquals(TxPool.TX_POOL_NOT_ENOUGH_FREE_ROOM_FOR_ACCOUNT, small.checkRoom(tx("A", -1, 2, 0)));
    pool.add(pooled(tx("C", -1, 1, 500), 0));
    assertEquals(TxPool.TX_POOL_NOT_ENOUGH_ROOM, pool.checkRoom(tx("D", -1, 1, 500)));
    assertEquals(4, pool.size());
    assertEquals(2, pool.freeSize());

    pool.remove(List.of(a1.hash(), a2.hash(), "0xunknown"));
    assertEquals(2, pool.size());
    assertEquals(1, pool.freeSize());
    assertEquals(0, pool.sizeOf("A"));
  }

  @Test
  void blockOrderSortsEachSenderAndInterleavesByArrival() {
    TxPool pool = new TxPool(TxPoolConfig.ainDefaults());
    Transaction a2 = tx("A", 2, 5, 500);
    Transaction a0 = tx("A", 0, 9, 500);
    Transaction a1 = tx("A", 1, 1, 500);
    Transaction aUnordered = tx("A", -1, 0, 500);
    Transaction b0 = tx("B", -2, 3, 500);
    Transaction bEarly = tx("B", -2, 2, 500);
    pool.add(pooled(a2, 10));
    pool.add(pooled(b0, 11));
    pool.add(pooled(a0, 12));
    pool.add(pooled(aUnordered, 13));
    pool.add(pooled(bEarly, 14));
    pool.add(pooled(a1, 15));
    List<String> order = hashesInBlockOrder(pool);
    List<String> aOrder = order.stream().filter(h -> pool.get(h).tx().address().equals("A")).toList();
    assertEquals(List.of(a0.hash(), a1.hash(), a2.hash(), aUnordered.hash()), aOrder);
    List<String> bOrder = order.stream().filter(h -> pool.get(h).tx().address().equals("B")).toList();
    assertEquals(List.of(bEarly.hash(), b0.hash()), bOrder);
    assertEquals(6, order.size());
  }

  @Test
  void sendersInterleaveByTheArrivalOfTheirHeadThenByHash() {
    TxPool pool = new TxPool(TxPoolConfig.ainDefaults());
    Transaction c0 = tx("C", 0, 1, 500);
    Transaction c1 = tx("C", 1, 1, 500);
    Transaction d0 = tx("D", 0, 1, 500);
    Transaction e0 = tx("E", 0, 1, 500);
    // C's head arrived first; D and E arrived together (the lower hash goes first: d0 was made
    // before e0); C's second arrived last, but its queue's head only counts once c0 is taken.
    pool.add(pooled(c1, 30));
    pool.add(pooled(e0, 20));
    pool.add(pooled(d0, 20));
    pool.add(pooled(c0, 10));
    List<String> order = hashesInBlockOrder(pool);
    assertEquals(List.of(c0.hash(), d0.hash(), e0.hash(), c1.hash()), order);
    // A proposer reads only as far as its block goes: the same order, lazily.
    java.util.Iterator<PooledTx> it = pool.blockOrder();
    assertEquals(c0.hash(), it.next().tx().hash());
    assertEquals(d0.hash(), it.next().tx().hash());
    assertTrue(it.hasNext());
  }

  @Test
  void expiryUsesReceiveTime() {
    TxPool pool = new TxPool(new TxPoolConfig(10, 10, 1, 1, 100));
    pool.add(pooled(tx("A", -1, 1, 0), 0));
    pool.add(pooled(tx("A", -1, 2, 0), 50));
    assertEquals(1, pool.expire(100).size());
    assertEquals(1, pool.size());
    assertEquals(1, pool.freeSize());
  }

  private static List<String> hashesInBlockOrder(TxPool pool) {
    List<String> out = new java.util.ArrayList<>();
    pool.blockOrder().forEachRemaining(p -> out.add(p.tx().hash()));
    return out;
  }
}
