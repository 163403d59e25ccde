package io.ainj.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ainj.crypto.AinHash;
import io.ainj.crypto.Hex;
import io.ainj.crypto.Keys;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.exec.VmTxExecutor;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.pool.TxPoolConfig;
import io.ainj.ledger.pool.TxTracker;
import io.ainj.ledger.tx.TxVerifier;
import io.ainj.p2p.MessageHandler;
import io.ainj.p2p.Transport;
import io.ainj.p2p.TransportStats;
import io.ainj.statedb.StateDb;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TxGossipTest {
  @Test
  void theHashASignatureClaimsIsTheBodysHashForAnHonestTransaction() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("operation").put("type", "SET_VALUE").put("ref", "/apps/a/b").put("value", 1);
    body.put("nonce", -1).put("timestamp", 1234).put("gas_price", 0);
    byte[] key = Keys.generatePrivateKey(new SecureRandom(new byte[] {7}));
    String sig = TestQuorum.CRYPTO.signTransaction(body, key, 0).encode();
    assertEquals(Hex.encodePrefixed(AinHash.txHash(body)), TxGossip.signedHash(TextNode.valueOf(sig)));
    // Upper-case hex decodes to the same hash: de-duplication keys are canonical.
    assertEquals(TxGossip.signedHash(TextNode.valueOf(sig)),
        TxGossip.signedHash(TextNode.valueOf("0x" + sig.substring(2).toUpperCase())));
  }

  @Test
  void aSignatureThatDoesNotDecodeClaimsNothing() {
    assertNull(TxGossip.signedHash(null));
    assertNull(TxGossip.signedHash(JsonNodeFactory.instance.numberNode(5)));
    assertNull(TxGossip.signedHash(TextNode.valueOf("0x1234")));
    assertNull(TxGossip.signedHash(TextNode.valueOf("not hex at all")));
  }

  /** A transport whose penalties wait for a latch, so a test can hold the ingest thread. */
  private static final class HeldTransport implements Transport {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile int penalties;

    @Override
    public String address() {
      return "0xself";
    }

    @Override
    public void start(MessageHandler handler) {}

    @Override
    public void broadcast(int channel, byte[] payload) {}

    @Override
    public boolean send(String peer, int channel, byte[] payload) {
      return false;
    }

    @Override
    public Set<String> peers() {
      return Set.of();
    }

    @Override
    public void penalize(String peer, int points, String reason) {
      penalties++;
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public TransportStats stats() {
      return null;
    }

    @Override
    public void close() {}
  }

  @Test
  void batchesCountAsDoneOnceAdmittedInArrivalOrder() throws Exception {
    HeldTransport transport = new HeldTransport();
    try (StateDb db = StateDb.inMemory()) {
      Chain chain = emptyChain(db);
      try (TxGossip gossip = new TxGossip(transport, chain, new TxVerifier(TestQuorum.CRYPTO, 0, 100_000))) {
        assertEquals(0, gossip.batchesReceived());
        assertEquals(0, gossip.batchesDone());
        java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        gossip.onBatchDone(heard::incrementAndGet);
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);
        gossip.onBatch("0xpeer", garbage);
        assertTrue(transport.entered.await(10, TimeUnit.SECONDS), "the first batch reached the ingest thread");
        gossip.onBatch("0xpeer", garbage);
        gossip.onBatch("0xpeer", garbage);
        // One being admitted (held in its penalty), two queued: none done.
        assertEquals(3, gossip.batchesReceived());
        assertEquals(0, gossip.batchesDone());
        transport.release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gossip.batchesDone() < 3 && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertEquals(3, gossip.batchesDone());
        assertEquals(3, transport.penalties);
        assertEquals(3, heard.get(), "the listener hears of every batch done");
      }
    }
  }

  @Test
  void peersBatchesTakeOnlyPartOfASharedAdmissionQueue() throws Exception {
    HeldTransport transport = new HeldTransport();
    try (StateDb db = StateDb.inMemory(); TxAdmission admission = new TxAdmission()) {
      Chain chain = emptyChain(db);
      try (TxGossip gossip = new TxGossip(transport, chain, new TxVerifier(TestQuorum.CRYPTO, 0, 100_000), admission)) {
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);
        gossip.onBatch("0xpeer", garbage);
        assertTrue(transport.entered.await(10, TimeUnit.SECONDS), "the first batch reached the admission thread");
        int flood = TxGossip.MAX_QUEUED_BATCHES + 500;
        for (int i = 1; i < flood; i++) {
          gossip.onBatch("0xpeer", garbage);
        }
        // One held, MAX_QUEUED_BATCHES - 1 queued behind it; the rest dropped at once.
        assertEquals(flood - TxGossip.MAX_QUEUED_BATCHES, gossip.dropped());
        // Clients' sends still find room in the shared queue.
        CountDownLatch send = new CountDownLatch(1);
        admission.execute(send::countDown);
        transport.release.countDown();
        assertTrue(send.await(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gossip.batchesDone() < flood && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertEquals(flood, gossip.batchesDone());
        assertEquals(TxGossip.MAX_QUEUED_BATCHES, transport.penalties);
      }
    }
  }

  @Test
  void aBatchIsAdmittedInGossipOrderAndAForgedOneIsPenalized() throws Exception {
    HeldTransport transport = new HeldTransport();
    transport.release.countDown();
    try (StateDb db = StateDb.inMemory()) {
      Chain chain = emptyChain(db);
      try (TxGossip gossip = new TxGossip(transport, chain, new TxVerifier(TestQuorum.CRYPTO, 0, 100_000))) {
        // One sender each: AIN's pool takes only a few free transactions per account.
        SecureRandom seeded = new SecureRandom(new byte[] {9});
        com.fasterxml.jackson.databind.node.ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        List<String> expected = new java.util.ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 40; i++) {
          ObjectNode body = JsonNodeFactory.instance.objectNode();
          body.putObject("operation").put("type", "SET_VALUE").put("ref", "/apps/a/" + i).put("value", i);
          body.put("nonce", -1).put("timestamp", now + i).put("gas_price", 0);
          ObjectNode item = batch.addObject();
          item.set("tx_body", body);
          item.put("signature", TestQuorum.CRYPTO.signTransaction(body, Keys.generatePrivateKey(seeded), 0).encode());
          if (i == 7) {
            body.put("timestamp", now + 1_000); // no longer what its signature signs
          } else {
            expected.add(Hex.encodePrefixed(AinHash.txHash(body)));
          }
        }
        gossip.onBatch("0xpeer", io.ainj.crypto.AinJson.writeJs(batch));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gossip.batchesDone() < 1 && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertEquals(expected, chain.pool().inAdmissionOrder().stream().map(p -> p.tx().hash()).toList());
        assertEquals(1, transport.penalties, "the forged one costs its sender");
      }
    }
  }

  private static Chain emptyChain(StateDb db) {
    Chain chain = new Chain(db, new TxPool(TxPoolConfig.ainDefaults()), new TxTracker(86_400_000L),
        VmTxExecutor.forGenesis(JsonNodeFactory.instance.objectNode(), null), System::currentTimeMillis,
        new Chain.Config(1000, 86_400_000L, 1_000_000, 1000));
    chain.initGenesis(List.of(), "0xOwner", JsonNodeFactory.instance.objectNode());
    return chain;
  }
}
