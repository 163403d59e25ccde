package io.ainj.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.exec.TxExecutor;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.pool.TxPoolConfig;
import io.ainj.ledger.pool.TxTracker;
import io.ainj.ledger.tx.Transaction;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.store.RocksDbKeyValueStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain's own logic (pool, pending state, blocks, commit, tracker, restart) with a small
 * executor standing in for the vm: SET_VALUE writes, numbered nonces are checked and bumped,
 * and a value of "fail" fails the operation.
 */
class ChainTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long GENESIS_TIME = 1_000_000;
  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong(5_000_000);
  private int counter;

  /** Stands in for the vm; the real executor is tested in the vm and in node integration tests. */
  static final class FakeExecutor implements TxExecutor {
    @Override
    public ObjectNode execute(MutableState state, Transaction tx, Context ctx) {
      ObjectNode result = JSON.objectNode();
      String noncePath = "/accounts/" + tx.address() + "/nonce";
      Json current = state.get(StateRoot.VALUES, noncePath);
      long accountNonce = current instanceof Json.JNumber n ? (long) n.value() : 0;
      if (tx.nonce() >= 0 && tx.nonce() != accountNonce) {
        result.put("code", 10712);
        result.put("message", "Invalid nonce: " + tx.nonce() + " !== " + accountNonce);
        result.put("bandwidth_gas_amount", 0);
        return result;
      }
      JsonNode op = tx.operation();
      if ("fail".equals(op.path("value").asText())) {
        result.put("code", 12103);
        result.put("bandwidth_gas_amount", 1);
        result.put("gas_amount_charged", 1);
        result.put("gas_cost_total", 0);
        return result;
      }
      state.set(StateRoot.VALUES, op.path("ref").asText(), JsonCodec.fromJackson(op.path("value")));
      if (tx.nonce() >= 0) {
        state.set(StateRoot.VALUES, noncePath, JsonCodec.parse(Long.toString(accountNonce + 1)));
      }
      result.put("code", 0);
      result.put("bandwidth_gas_amount", 1);
      result.put("gas_amount_charged", ctx.skipFees() ? 0 : 1);
      result.put("gas_cost_total", 0);
      return result;
    }
  }

  private Transaction tx(String sender, long nonce, String ref, String value) {
    ObjectNode body = JSON.objectNode();
    body.putObject("operation").put("type", "SET_VALUE").put("ref", ref).put("value", value);
    body.put("nonce", nonce);
    body.put("timestamp", 1_700_000_000_000L + counter);
    return new Transaction(body, "0xsig", String.format("0x%064x", ++counter), sender);
  }

  private Chain open(StateDb db) {
    return new Chain(db, new TxPool(TxPoolConfig.ainDefaults()), new TxTracker(86_400_000L),
        new FakeExecutor(), clock::get, new Chain.Config(1000, 86_400_000L, GENESIS_TIME, 1000));
  }

  private StateDb openDb() {
    return StateDb.open(RocksDbKeyValueStore.open(dir), StateDbConfig.defaults());
  }

  private static JsonNode validators() {
    ObjectNode v = JSON.objectNode();
    v.putObject("0xV").put("stake", 1).put("proposal_right", true);
    return v;
  }

  @Test
  void admissionBlocksCommitTrackingAndRestart() {
    String blockHash;
    String txHash;
    String root;
    try (StateDb db = openDb()) {
      Chain chain = open(db);
      assertTrue(chain.isEmpty());
      Block genesis = chain.initGenesis(List.of(tx("0xOwner", -1, "/apps/a/genesis", "g")), "0xOwner", validators());
      assertEquals(0, genesis.number());
      assertEquals(1, genesis.receipts().size());
      assertThrows(IllegalStateException.class, () -> chain.initGenesis(List.of(), "0xOwner", validators()));

      Transaction t1 = tx("0xA", 0, "/apps/a/x", "1");
      Chain.Admission a1 = chain.submit(t1, false);
      assertTrue(a1.pooled());
      assertEquals(0, a1.result().path("code").asInt());
      // The pending state has the write and the bumped nonce; the finalized one does not.
      assertEquals(JsonCodec.parse("\"1\""), chain.pendingState().getValue("/apps/a/x"));
      assertEquals(Json.JNull.class, chain.finalizedState().getValue("/apps/a/x").getClass());

      assertEquals(TxPool.TX_ALREADY_RECEIVED, chain.submit(t1, false).result().path("code").asInt());
      // Nonce 0 again is a precheck failure against the pending state: not pooled, not tracked.
      Chain.Admission stale = chain.submit(tx("0xA", 0, "/apps/a/y", "2"), false);
      assertEquals(10712, stale.result().path("code").asInt());
      assertFalse(stale.pooled());
      assertTrue(chain.transactionByHash(stale.txHash()).isEmpty());
      // A dry run executes and keeps nothing.
      Chain.Admission dry = chain.submit(tx("0xA", 1, "/apps/a/dry", "3"), true);
      assertTrue(dry.result().path("is_dryrun").asBoolean());
      assertEquals(Json.JNull.class, chain.pendingState().getValue("/apps/a/dry").getClass());
      // A failing tx is pooled as PENDING with its effects undone.
      Chain.Admission failing = chain.submit(tx("0xB", -1, "/apps/a/z", "fail"), false);
      assertTrue(failing.pooled());
      assertEquals("PENDING", chain.transactionByHash(failing.txHash()).orElseThrow().path("state").asText());
      assertEquals("EXECUTED", chain.transactionByHash(t1.hash()).orElseThrow().path("state").asText());

      Chain.Proposal p = chain.propose(clock.get(), "0xV", validators(), JSON.arrayNode());
      assertEquals(1, p.block().number());
      assertEquals(2, p.block().transactions().size());
      assertEquals(genesis.hash(), p.block().header().lastHash());
      chain.commit(p.block(), p.state(), JSON.objectNode().put("cert", true));
      assertEquals(0, chain.pool().size());
      ObjectNode done = chain.transactionByHash(t1.hash()).orElseThrow();
      assertEquals("FINALIZED", done.path("state").asText());
      assertEquals(1, done.path("number").asLong());
      assertTrue(done.path("is_finalized").asBoolean());
      assertEquals(0, done.path("receipt").path("code").asInt());
      assertEquals("REVERTED", chain.transactionByHash(failing.txHash()).orElseThrow().path("state").asText());
      assertEquals(JsonCodec.parse("\"1\""), chain.finalizedState().getValue("/apps/a/x"));
      // A block for the wrong height is refused.
      assertThrows(IllegalStateException.class, () -> chain.commit(p.block(), p.state(), null));
      blockHash = p.block().hash();
      txHash = t1.hash();
      root = chain.finalizedState().rootProofHash();
    }
    // After a restart: same tip, same root, and the finalized tx is found through the index.
    try (StateDb db = openDb()) {
      Chain chain = open(db);
      assertEquals(1, chain.latestNumber());
      assertEquals(blockHash, chain.store().latestBlock().orElseThrow().hash());
      assertEquals(root, chain.finalizedState().rootProofHash());
      assertEquals("FINALIZED", chain.transactionByHash(txHash).orElseThrow().path("state").asText());
      assertEquals(JSON.objectNode().put("cert", true), chain.store().certificate(1).orElseThrow());
      assertTrue(chain.store().byHash(blockHash).isPresent());
      assertTrue(chain.store().byHash("0xnot-a-hash").isEmpty());
      assertTrue(chain.store().byNumber(2).isEmpty());
      // The same tx cannot come back after it was finalized.
      Chain.Admission again = chain.submit(chain.store().latestBlock().orElseThrow().transactions().size() > 0
          ? new Transaction(chain.store().latestBlock().orElseThrow().transactions().get(0).get("tx_body"),
              "0xsig", txHash, "0xA") : null, false);
      assertEquals(TxPool.TX_ALREADY_RECEIVED, again.result().path("code").asInt());
    }
  }

  @Test
  void replicasValidateByReexecution() {
    try (StateDb db = openDb()) {
      Chain chain = open(db);
      chain.initGenesis(List.of(), "0xOwner", validators());
      chain.submit(tx("0xA", -1, "/apps/a/x", "1"), false);
      Chain.Proposal p = chain.propose(clock.get(), "0xV", validators(), JSON.arrayNode());
      assertNull(chain.validate(p.block()));
      ObjectNode forged = p.block().toJson();
      forged.put("state_proof_hash", "0x" + "00".repeat(32));
      assertTrue(chain.validate(Block.fromJson(rehash(forged))).contains("state_proof_hash"));
      ObjectNode wrongParent = p.block().toJson();
      wrongParent.put("last_hash", "0x" + "11".repeat(32));
      assertTrue(chain.validate(Block.fromJson(rehash(wrongParent))).contains("last_hash"));
    }
  }

  private static ObjectNode rehash(ObjectNode block) {
    Block b = Block.assemble(block.path("last_hash").asText(), (com.fasterxml.jackson.databind.node.ArrayNode) block.get("last_votes"),
        (ObjectNode) block.get("evidence"), (com.fasterxml.jackson.databind.node.ArrayNode) block.get("transactions"),
        (com.fasterxml.jackson.databind.node.ArrayNode) block.get("receipts"), block.path("number").asLong(),
        block.path("epoch").asLong(), block.path("timestamp").asLong(), block.path("state_proof_hash").asText(),
        block.path("proposer").asText(), block.get("validators"), block.path("gas_amount_total").asDouble(),
        block.path("gas_cost_total").asDouble());
    return b.toJson();
  }
}
