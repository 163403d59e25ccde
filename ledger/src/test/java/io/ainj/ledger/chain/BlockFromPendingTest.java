package io.ainj.ledger.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.exec.ExecResults;
import io.ainj.ledger.exec.TxExecutor;
import io.ainj.ledger.exec.VmTxExecutor;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.pool.TxPoolConfig;
import io.ainj.ledger.pool.TxTracker;
import io.ainj.ledger.tx.Transaction;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A proposer takes the pending execution of its pool as the block when that execution cannot
 * differ from running the block again: every receipt and the state root must then be exactly
 * what a replica gets by re-executing the block, and a transaction that read the block time
 * must be executed again in its block.
 */
class BlockFromPendingTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final long GENESIS_TIME = 1_000_000;
  private static final String A = "0x00ADEc28B6a845a085e03591bE7550dd68673C1C";
  private static final String B = "0x01A0980d2D4e418c7F27e1ef539d01A5b5E93204";
  private static final String C = "0x02B7E8e1b8A9c3d4F5a6B7c8D9e0F1a2B3c4D5e6";
  private final AtomicLong clock = new AtomicLong(5_000_000);
  private int counter;

  private Transaction tx(String sender, long nonce, String type, String ref, JsonNode value) {
    ObjectNode body = JSON.objectNode();
    body.putObject("operation").put("type", type).put("ref", ref).set("value", value);
    body.put("nonce", nonce).put("timestamp", 1_700_000_000_000L + counter).put("gas_price", 0);
    return new Transaction(body, "0xsig", String.format("0x%064x", ++counter), sender);
  }

  private Chain open(StateDb db, TxExecutor executor) {
    return open(db, executor, 1000);
  }

  private Chain open(StateDb db, TxExecutor executor, int maxTxsPerBlock) {
    Chain chain = new Chain(db, new TxPool(TxPoolConfig.ainDefaults()), new TxTracker(86_400_000L),
        executor, clock::get, new Chain.Config(maxTxsPerBlock, 86_400_000L, GENESIS_TIME, 1000));
    chain.initGenesis(List.of(), "0xOwner", validators());
    return chain;
  }

  private static JsonNode validators() {
    ObjectNode v = JSON.objectNode();
    v.putObject("0xV").put("stake", 1).put("proposal_right", true);
    return v;
  }

  private static VmTxExecutor vm() {
    return VmTxExecutor.forGenesis(JSON.objectNode(), null);
  }

  @Test
  void reusedBlocksAreWhatReplicasComputeAndTimeReadersRunAgain() {
    try (StateDb proposerDb = StateDb.inMemory(); StateDb replicaDb = StateDb.inMemory()) {
      Chain proposer = open(proposerDb, vm());
      Chain replica = open(replicaDb, vm());
      List<Transaction> txs = List.of(
          tx(A, 0, "SET_VALUE", "/apps/p/x", JSON.numberNode(1)),
          tx(B, -1, "SET_VALUE", "/apps/p/y", JSON.textNode("two")),
          tx(A, 1, "INC_VALUE", "/apps/p/x", JSON.numberNode(5)),
          tx(B, -1, "SET_RULE", "/apps/t", JSON.objectNode().set(".rule",
              JSON.objectNode().put("write", "blockTime > 0"))),
          // Reads the block time through its rule: not reusable, so the first block stops here.
          tx(A, 2, "SET_VALUE", "/apps/t/v", JSON.numberNode(3)),
          tx(B, -1, "SET_VALUE", "/apps/p/z", JSON.numberNode(4)));
      for (Transaction t : txs) {
        Chain.Admission a = proposer.submit(t, false);
        assertTrue(a.pooled(), a.result()::toString);
        assertTrue(!ExecResults.isFailed(a.result()), a.result()::toString);
      }

      Chain.Proposal first = proposeNext(proposer);
      assertEquals(4, first.block().transactions().size(), "the prefix before the time reader");
      assertEquals(4, proposer.buildStats().reused());
      assertEquals(0, proposer.buildStats().executed());
      assertNull(replica.validate(first.block()), "a replica re-executing the block agrees");
      commitBoth(proposer, replica, first.block(), first.state());

      Chain.Proposal second = proposeNext(proposer);
      assertEquals(2, second.block().transactions().size());
      assertEquals(4, proposer.buildStats().reused());
      assertEquals(2, proposer.buildStats().executed(), "executed again in its block");
      assertNull(replica.validate(second.block()));
      commitBoth(proposer, replica, second.block(), second.state());

      assertEquals(replica.finalizedState().rootProofHash(), proposer.finalizedState().rootProofHash());
      assertEquals(0, proposer.pool().size());
    }
  }

  @Test
  void admissionsWhileABlockIsInFlightRunOnItAndNeedNoRebuild() {
    try (StateDb proposerDb = StateDb.inMemory(); StateDb replicaDb = StateDb.inMemory()) {
      Chain proposer = open(proposerDb, vm());
      Chain replica = open(replicaDb, vm());
      long nonce = 0;
      for (int height = 1; height <= 4; height++) {
        // Pool some, propose (the pending state moves on top of the block), pool more while
        // the block is in flight, then commit: the later ones must be valid in the next block.
        for (int i = 0; i < 3; i++) {
          assertTrue(proposer.submit(tx(A, nonce++, "SET_VALUE", "/apps/p/a" + height + i,
              JSON.numberNode(i)), false).pooled());
          assertTrue(proposer.submit(tx(B, -1, "INC_VALUE", "/apps/p/count", JSON.numberNode(1)),
              false).pooled());
        }
        Chain.Proposal p = proposeNext(proposer);
        assertEquals(height == 1 ? 6 : 8, p.block().transactions().size());
        // The block is the whole pending order, so the pending state is on top of it as soon
        // as it is proposed: admissions before or after advancePending run once, in the next
        // block's context (advancePending has nothing left to do).
        boolean movedFirst = height % 2 == 1;
        if (movedFirst) {
          proposer.advancePending();
        }
        for (int i = 0; i < 2; i++) {
          assertTrue(proposer.submit(tx(A, nonce++, "SET_VALUE", "/apps/p/b" + height + i,
              JSON.numberNode(i)), false).pooled());
        }
        if (!movedFirst) {
          proposer.advancePending();
        }
        long rebuildsBefore = proposer.buildStats().rebuilds();
        assertNull(replica.validate(p.block()));
        commitBoth(proposer, replica, p.block(), p.state());
        assertEquals(rebuildsBefore, proposer.buildStats().rebuilds(), "pending state kept");
        assertEquals(2, proposer.pool().size());
      }
      assertEquals(0, proposer.buildStats().executed(), "every block came from the pending state");
      assertEquals(0, proposer.buildStats().reruns(), "admissions during a block in flight ran once");
      // The pending state is the finalized one plus the two pooled transactions.
      assertEquals(io.ainj.statedb.json.Json.of(12),
          pendingValue(proposer, "/apps/p/count"));
      assertEquals(replica.finalizedState().rootProofHash(), proposer.finalizedState().rootProofHash());
    }
  }

  @Test
  void aReplicaThatRanTheSameTransactionsValidatesFromItsPendingState() {
    try (StateDb pDb = StateDb.inMemory(); StateDb sameDb = StateDb.inMemory();
        StateDb otherOrderDb = StateDb.inMemory(); StateDb emptyDb = StateDb.inMemory()) {
      Chain proposer = open(pDb, vm());
      Chain same = open(sameDb, vm());
      Chain otherOrder = open(otherOrderDb, vm());
      Chain empty = open(emptyDb, vm());
      List<Transaction> txs = List.of(
          tx(A, 0, "SET_VALUE", "/apps/p/x", JSON.numberNode(1)),
          tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(2)),
          tx(A, 1, "SET_VALUE", "/apps/p/y", JSON.numberNode(3)),
          tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(4)));
      for (Transaction t : txs) {
        assertTrue(proposer.submit(t, false).pooled());
        assertTrue(same.submit(t, false).pooled());
      }
      // Same transactions, another order: its pending execution is not the block's.
      for (int i : new int[] {1, 0, 3, 2}) {
        assertTrue(otherOrder.submit(txs.get(i), false).pooled());
      }
      Chain.Proposal p = proposeNext(proposer);
      assertEquals(4, p.block().transactions().size());

      assertNull(same.validate(p.block()));
      assertEquals(4, same.buildStats().reused(), "validated from the pending execution");
      assertNull(otherOrder.validate(p.block()));
      assertEquals(0, otherOrder.buildStats().reused(), "re-executed: the order differs");
      assertNull(empty.validate(p.block()));
      assertEquals(0, empty.buildStats().reused());

      // A transaction admitted while the block is in flight runs on top of it, once the
      // replica has moved its pending state there (after its vote).
      same.advancePending();
      Transaction late = tx(A, 2, "SET_VALUE", "/apps/p/z", JSON.numberNode(5));
      assertTrue(same.submit(late, false).pooled());
      long rebuilds = same.buildStats().rebuilds();
      proposer.commit(p.block(), p.state(), null);
      commitValidated(same, p.block());
      commitValidated(otherOrder, p.block());
      commitValidated(empty, p.block());
      assertEquals(rebuilds, same.buildStats().rebuilds(), "the pending state was already on the block");
      String root = proposer.finalizedState().rootProofHash();
      assertEquals(root, same.finalizedState().rootProofHash());
      assertEquals(root, otherOrder.finalizedState().rootProofHash());
      assertEquals(root, empty.finalizedState().rootProofHash());

      // The late transaction's pending execution is what the next block gives elsewhere.
      assertTrue(proposer.submit(late, false).pooled());
      Chain.Proposal next = proposeNext(same);
      assertEquals(1, next.block().transactions().size());
      assertNull(empty.validate(next.block()));
    }
  }

  @Test
  void aPendingStateMovedOntoABlockThatDoesNotCommitIsRebuilt() {
    try (StateDb p1Db = StateDb.inMemory(); StateDb p2Db = StateDb.inMemory(); StateDb rDb = StateDb.inMemory()) {
      Chain p1 = open(p1Db, vm());
      Chain p2 = open(p2Db, vm());
      Chain replica = open(rDb, vm());
      Transaction t1 = tx(A, 0, "SET_VALUE", "/apps/p/x", JSON.numberNode(1));
      Transaction t2 = tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(2));
      Transaction t3 = tx(A, 1, "INC_VALUE", "/apps/p/x", JSON.numberNode(10));
      for (Transaction t : List.of(t1, t2)) {
        assertTrue(p1.submit(t, false).pooled());
        assertTrue(replica.submit(t, false).pooled());
      }
      assertTrue(p2.submit(t1, false).pooled());
      // The view-0 proposal: the replica validates it from its pending state and moves there.
      Chain.Proposal first = proposeNext(p1);
      assertNull(replica.validate(first.block()));
      replica.advancePending();
      assertTrue(replica.submit(t3, false).pooled());
      // A view change: another proposal of the same height (t1 only, a later time) commits.
      Chain.Proposal second = proposeNext(p2);
      assertEquals(1, second.block().transactions().size());
      assertNull(replica.validate(second.block()), "re-executed on the finalized state");
      long rebuilds = replica.buildStats().rebuilds();
      commitValidated(replica, second.block());
      p2.commit(second.block(), second.state(), null);
      assertEquals(rebuilds + 1, replica.buildStats().rebuilds(), "the pending state was on the other block");
      assertEquals(2, replica.pool().size());
      assertEquals(io.ainj.statedb.json.Json.of(11),
          pendingValue(replica, "/apps/p/x"));
      assertEquals(io.ainj.statedb.json.Json.of(2),
          pendingValue(replica, "/apps/p/n"));
      // Its next block is what a node that never saw the first proposal computes.
      Chain.Proposal next = proposeNext(replica);
      assertEquals(2, next.block().transactions().size());
      assertNull(p2.validate(next.block()));
    }
  }

  @Test
  void aBacklogLongerThanABlockCarriesOverWithoutRunningAgain() {
    try (StateDb pDb = StateDb.inMemory(); StateDb rDb = StateDb.inMemory()) {
      java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
      TxExecutor counting = counting(runs);
      Chain proposer = open(pDb, counting, 3);
      Chain replica = open(rDb, vm(), 3);
      for (int i = 0; i < 8; i++) {
        Transaction t = i % 2 == 0 ? tx(A, i / 2, "SET_VALUE", "/apps/p/v" + i, JSON.numberNode(i))
            : tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(i));
        assertTrue(proposer.submit(t, false).pooled());
      }
      assertEquals(8, runs.get());
      int[] sizes = {3, 3, 2};
      for (int size : sizes) {
        Chain.Proposal p = proposeNext(proposer);
        assertEquals(size, p.block().transactions().size());
        proposer.advancePending();
        assertNull(replica.validate(p.block()), "a replica re-executing the block agrees");
        commitBoth(proposer, replica, p.block(), p.state());
        assertEquals(proposer.finalizedState().rootProofHash(), replica.finalizedState().rootProofHash());
      }
      assertEquals(8, runs.get(), "each transaction ran once: the backlog ran in the blocks it went to");
      assertEquals(8, proposer.buildStats().reused());
      assertEquals(io.ainj.statedb.json.Json.of(16),
          replica.finalizedState().get(io.ainj.statedb.StateRoot.VALUES, "/apps/p/n"));

      // A shorter block (a time reader cuts it) moves the rest: it runs again in its new block.
      assertTrue(proposer.submit(tx(B, -1, "SET_RULE", "/apps/t", JSON.objectNode().set(".rule",
          JSON.objectNode().put("write", "blockTime > 0"))), false).pooled());
      assertTrue(proposer.submit(tx(A, 4, "SET_VALUE", "/apps/t/v", JSON.numberNode(1)), false).pooled());
      for (int i = 0; i < 3; i++) {
        assertTrue(proposer.submit(tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(1)), false).pooled());
      }
      int before = runs.get();
      Chain.Proposal cut = proposeNext(proposer);
      assertEquals(1, cut.block().transactions().size());
      proposer.advancePending();
      assertEquals(before + 4, runs.get(), "the four after the cut ran again");
      assertNull(replica.validate(cut.block()));
      commitBoth(proposer, replica, cut.block(), cut.state());
      while (proposer.pool().size() > 0) {
        Chain.Proposal p = proposeNext(proposer);
        proposer.advancePending();
        assertNull(replica.validate(p.block()));
        commitBoth(proposer, replica, p.block(), p.state());
      }
      assertEquals(proposer.finalizedState().rootProofHash(), replica.finalizedState().rootProofHash());
      assertEquals(io.ainj.statedb.json.Json.of(19),
          replica.finalizedState().get(io.ainj.statedb.StateRoot.VALUES, "/apps/p/n"));
    }
  }

  @Test
  void aReplicaBehindTheProposerRunsOnlyWhatItHasNotRun() {
    try (StateDb pDb = StateDb.inMemory(); StateDb rDb = StateDb.inMemory(); StateDb checkDb = StateDb.inMemory()) {
      Chain proposer = open(pDb, vm());
      Chain replica = open(rDb, vm());
      Chain check = open(checkDb, vm());
      Transaction t1 = tx(A, 0, "SET_VALUE", "/apps/p/x", JSON.numberNode(1));
      Transaction t2 = tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(2));
      Transaction t3 = tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(3));
      Transaction t4 = tx(A, 1, "INC_VALUE", "/apps/p/x", JSON.numberNode(10));
      for (Transaction t : List.of(t1, t2, t3)) {
        assertTrue(proposer.submit(t, false).pooled());
      }
      // Gossip has brought the replica t1 and t2 so far, not t3.
      assertTrue(replica.submit(t1, false).pooled());
      assertTrue(replica.submit(t2, false).pooled());
      Chain.Proposal p = proposeNext(proposer);
      assertEquals(3, p.block().transactions().size());
      assertNull(replica.validate(p.block()));
      assertEquals(2, replica.buildStats().reused(), "t1 and t2 came from its pending runs");
      assertEquals(1, replica.buildStats().executed(), "only t3 ran");
      replica.advancePending();
      // t3 arrives late: it is in the block the replica voted for, not a new transaction.
      Chain.Admission late = replica.submit(t3, false);
      assertTrue(!late.pooled(), late.result()::toString);
      assertEquals(TxPool.TX_ALREADY_RECEIVED, ExecResults.code(late.result()));
      assertTrue(replica.submit(t4, false).pooled());
      long rebuilds = replica.buildStats().rebuilds();
      commitBoth(proposer, replica, p.block(), p.state());
      assertEquals(rebuilds, replica.buildStats().rebuilds(), "the pending state was already on the block");
      assertNull(check.validate(p.block()));
      commitValidated(check, p.block());
      assertEquals(check.finalizedState().rootProofHash(), replica.finalizedState().rootProofHash());
      assertEquals(1, replica.pool().size());
      assertEquals(io.ainj.statedb.json.Json.of(5),
          pendingValue(replica, "/apps/p/n"), "t3 counted once");
      assertEquals(io.ainj.statedb.json.Json.of(11),
          pendingValue(replica, "/apps/p/x"));
      // Its next block (t4) is what the others compute.
      assertTrue(proposer.submit(t4, false).pooled());
      Chain.Proposal next = proposeNext(replica);
      assertEquals(1, next.block().transactions().size());
      assertNull(check.validate(next.block()));
      assertNull(proposer.validate(next.block()));
    }
  }

  @Test
  void aShortBlockUnderABacklogRerunsItsBudgetAndTheRestWaits() {
    try (StateDb pDb = StateDb.inMemory(); StateDb rDb = StateDb.inMemory(); StateDb checkDb = StateDb.inMemory()) {
      java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
      TxExecutor counting = counting(runs);
      Chain proposer = open(pDb, vm(), 3);
      Chain replica = open(rDb, counting, 3);
      Chain check = open(checkDb, vm(), 3);
      List<Transaction> txs = new java.util.ArrayList<>();
      int budget = Chain.RERUN_BUDGET_BLOCKS * 3;
      int total = budget + 8;
      for (int i = 0; i < total; i++) {
        txs.add(i % 2 == 0 ? tx(A, i / 2, "SET_VALUE", "/apps/p/v" + i, JSON.numberNode(i))
            : tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(i)));
        assertTrue(replica.submit(txs.get(i), false).pooled());
      }
      // The proposer's gossip lags: it has only the first one, so its block is shorter than the
      // replica's run order assumed, and every run after it belongs one block later.
      assertTrue(proposer.submit(txs.get(0), false).pooled());
      Chain.Proposal shortBlock = proposeNext(proposer);
      assertEquals(1, shortBlock.block().transactions().size());
      int before = runs.get();
      assertNull(replica.validate(shortBlock.block()));
      replica.advancePending();
      assertEquals(before + budget, runs.get(), "the budget ran again, not the whole backlog");
      assertEquals(total - 1 - budget, replica.deferredCount());
      // (C: A and B have used their share of the pool for free transactions.)
      Chain.Admission refused = replica.submit(tx(C, -1, "SET_VALUE", "/apps/p/late", JSON.numberNode(1)), false);
      assertTrue(!refused.pooled());
      assertEquals(TxPool.TX_POOL_NOT_ENOUGH_ROOM, ExecResults.code(refused.result()));
      commitValidated(replica, shortBlock.block());
      proposer.commit(shortBlock.block(), shortBlock.state(), null);
      assertNull(check.validate(shortBlock.block()));
      commitValidated(check, shortBlock.block());
      // The replica's next blocks come from its pending runs; each move runs the next budget.
      drain(replica, check);
      assertEquals(0, replica.deferredCount());
      int sum = 0;
      for (int i = 1; i < total; i += 2) {
        sum += i;
      }
      assertEquals(io.ainj.statedb.json.Json.of(sum),
          check.finalizedState().get(io.ainj.statedb.StateRoot.VALUES, "/apps/p/n"));
      assertTrue(replica.submit(tx(C, -1, "SET_VALUE", "/apps/p/late", JSON.numberNode(2)), false).pooled(),
          "admissions resume once nothing waits");
    }
  }

  /**
   * A block shorter than the run order assumed moves every later pending run one block on. Runs
   * that read neither the block time nor the number replay their writes with the receipt's new
   * block number instead of running again, and what they give is exactly what running them again
   * gives: the pending state, and every block built from it, agree with a node that re-ran.
   */
  @Test
  void aShortBlockMovesTheBacklogByReplayingItsWrites() {
    try (StateDb pDb = StateDb.inMemory(); StateDb rDb = StateDb.inMemory(); StateDb rerunDb = StateDb.inMemory();
        StateDb checkDb = StateDb.inMemory()) {
      java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger rerunnerRuns = new java.util.concurrent.atomic.AtomicInteger();
      Chain proposer = open(pDb, vm(), 3);
      Chain replica = open(rDb, countingRenumbering(runs), 3);
      // The same node without renumbering: runs everything again.
      Chain rerunner = open(rerunDb, counting(rerunnerRuns), 3);
      Chain check = open(checkDb, vm(), 3);
      List<Transaction> txs = new java.util.ArrayList<>();
      // Within the re-run budget, so the node that re-runs has all of them on its pending state.
      int total = Chain.RERUN_BUDGET_BLOCKS * 3 + 1;
      for (int i = 0; i < total; i++) {
        txs.add(i % 3 == 0 ? tx(A, i / 3, "SET_VALUE", "/apps/p/v" + i, JSON.numberNode(i))
            : i % 3 == 1 ? tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(i))
            : tx(C, -1, "SET_VALUE", "/apps/p/obj" + (i % 4), JSON.objectNode().put("i", i)));
        assertTrue(replica.submit(txs.get(i), false).pooled());
        assertTrue(rerunner.submit(txs.get(i), false).pooled());
      }
      assertEquals(total, runs.get());
      assertTrue(proposer.submit(txs.get(0), false).pooled());
      Chain.Proposal shortBlock = proposeNext(proposer);
      assertEquals(1, shortBlock.block().transactions().size());
      assertNull(replica.validate(shortBlock.block()));
      assertNull(rerunner.validate(shortBlock.block()));
      replica.advancePending();
      rerunner.advancePending();
      assertEquals(total, runs.get(), "nothing ran again");
      assertEquals(total - 1, replica.buildStats().renumbered());
      assertEquals(0, replica.buildStats().reruns());
      assertEquals(0, replica.deferredCount(), "nothing waits: admissions go on");
      assertTrue(rerunner.buildStats().reruns() > 0);
      assertEquals(rerunner.pendingState().rootProofHash(), replica.pendingState().rootProofHash(),
          "replayed is what re-running gives");
      commitEverywhere(proposer, shortBlock, replica, rerunner, check);
      // The replica's blocks come from its replayed runs; a node that executes them agrees, and
      // their receipts carry the block they are in.
      for (Block b : drain(replica, check)) {
        for (JsonNode t : b.transactions()) {
          assertEquals(io.ainj.statedb.json.Json.of((double) b.number()), check.finalizedState()
              .get(io.ainj.statedb.StateRoot.VALUES, "/receipts/" + t.path("hash").asText() + "/block_number"));
        }
      }
      assertEquals(total, runs.get(), "every block came from the replayed runs");
    }
  }

  /**
   * A run that reads the block number cannot be replayed in another block: it runs again, and so
   * does everything after it (those ran on what it wrote).
   */
  @Test
  void aRunThatReadsTheBlockNumberRunsAgainWithEverythingAfterIt() {
    try (StateDb pDb = StateDb.inMemory(); StateDb rDb = StateDb.inMemory(); StateDb checkDb = StateDb.inMemory()) {
      java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
      Chain proposer = open(pDb, vm(), 3);
      Chain replica = open(rDb, countingRenumbering(runs), 3);
      Chain check = open(checkDb, vm(), 3);
      List<Transaction> txs = new java.util.ArrayList<>();
      txs.add(tx(B, -1, "SET_VALUE", "/apps/p/first", JSON.numberNode(0)));
      txs.add(tx(B, -1, "SET_RULE", "/apps/numbered", JSON.objectNode().set(".rule",
          JSON.objectNode().put("write", "blockNumber > 0"))));
      txs.add(tx(A, 0, "SET_VALUE", "/apps/p/x", JSON.numberNode(1)));
      txs.add(tx(A, 1, "SET_VALUE", "/apps/p/x", JSON.numberNode(2)));
      txs.add(tx(A, 2, "SET_VALUE", "/apps/numbered/v", JSON.numberNode(3)));
      txs.add(tx(B, -1, "INC_VALUE", "/apps/p/n", JSON.numberNode(4)));
      txs.add(tx(A, 3, "SET_VALUE", "/apps/p/y", JSON.numberNode(5)));
      for (Transaction t : txs) {
        assertTrue(replica.submit(t, false).pooled());
      }
      assertTrue(proposer.submit(txs.get(0), false).pooled());
      Chain.Proposal shortBlock = proposeNext(proposer);
      assertEquals(1, shortBlock.block().transactions().size());
      assertNull(replica.validate(shortBlock.block()));
      int before = runs.get();
      replica.advancePending();
      assertEquals(3, replica.buildStats().renumbered(), "the three before the block-number reader");
      assertEquals(before + 3, runs.get(), "the reader and the two after it ran again");
      commitEverywhere(proposer, shortBlock, replica, check);
      drain(replica, check);
      assertEquals(check.finalizedState().rootProofHash(), replica.finalizedState().rootProofHash());
      assertEquals(io.ainj.statedb.json.Json.of(3),
          check.finalizedState().get(io.ainj.statedb.StateRoot.VALUES, "/apps/numbered/v"));
    }
  }

  /** The flags switch between the old and the new number: the runs run again. */
  @Test
  void aMoveAcrossATimerFlagRunsAgain() {
    ObjectNode flags = JSON.objectNode();
    // Receipts stop from block 3: a run numbered 2 moved to 3 would write one it must not.
    flags.putObject("disable_tx_receipt_recording").put("enabled_block", 3);
    try (StateDb pDb = StateDb.inMemory(); StateDb rDb = StateDb.inMemory(); StateDb checkDb = StateDb.inMemory()) {
      java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
      Chain proposer = open(pDb, VmTxExecutor.forGenesis(JSON.objectNode(), flags), 3);
      Chain replica = open(rDb, countingRenumbering(runs, VmTxExecutor.forGenesis(JSON.objectNode(), flags)), 3);
      Chain check = open(checkDb, VmTxExecutor.forGenesis(JSON.objectNode(), flags), 3);
      List<Transaction> txs = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        txs.add(tx(B, -1, "SET_VALUE", "/apps/p/v" + i, JSON.numberNode(i)));
        assertTrue(replica.submit(txs.get(i), false).pooled());
      }
      // Runs 0-2 in block 1, 3-5 in block 2.
      assertTrue(proposer.submit(txs.get(0), false).pooled());
      Chain.Proposal shortBlock = proposeNext(proposer);
      assertNull(replica.validate(shortBlock.block()));
      int before = runs.get();
      replica.advancePending();
      // Runs 1 and 2 move from block 1 to 2 (same flags), run 3 stays in block 2 on a state that
      // changed, and runs 4 and 5 move from block 2 to 3 (receipts stop): they run again.
      assertEquals(3, replica.buildStats().renumbered());
      assertEquals(before + 2, runs.get());
      commitEverywhere(proposer, shortBlock, replica, check);
      drain(replica, check);
      assertEquals(check.finalizedState().rootProofHash(), replica.finalizedState().rootProofHash());
      String lastHash = txs.get(5).hash();
      assertEquals(io.ainj.statedb.json.Json.NULL, check.finalizedState().get(io.ainj.statedb.StateRoot.VALUES,
          "/receipts/" + lastHash), "no receipt from block 3 on");
    }
  }

  @Test
  void anExecutorThatCannotTellAlwaysExecutesBlocks() {
    try (StateDb db = StateDb.inMemory()) {
      TxExecutor untracked = new TxExecutor() {
        private final VmTxExecutor inner = vm();

        @Override
        public ObjectNode execute(MutableState state, Transaction tx, Context ctx) {
          return inner.execute(state, tx, ctx);
        }
      };
      Chain chain = open(db, untracked);
      chain.submit(tx(A, -1, "SET_VALUE", "/apps/p/x", JSON.numberNode(1)), false);
      Chain.Proposal p = proposeNext(chain);
      assertEquals(1, p.block().transactions().size());
      assertEquals(0, chain.buildStats().reused());
      assertEquals(1, chain.buildStats().executed());
    }
  }

  /** The vm's executor, counting every run in {@code runs}; it cannot renumber runs. */
  private static TxExecutor counting(java.util.concurrent.atomic.AtomicInteger runs) {
    return new Counting(vm(), runs, false);
  }

  /** The vm's executor with renumbering, counting every run in {@code runs}. */
  private static TxExecutor countingRenumbering(java.util.concurrent.atomic.AtomicInteger runs) {
    return countingRenumbering(runs, vm());
  }

  private static TxExecutor countingRenumbering(java.util.concurrent.atomic.AtomicInteger runs, VmTxExecutor inner) {
    return new Counting(inner, runs, true);
  }

  private record Counting(VmTxExecutor inner, java.util.concurrent.atomic.AtomicInteger runs, boolean renumbers)
      implements TxExecutor {
    @Override
    public ObjectNode execute(MutableState state, Transaction tx, Context ctx) {
      return executeTracked(state, tx, ctx).result();
    }

    @Override
    public Executed executeTracked(MutableState state, Transaction tx, Context ctx) {
      runs.incrementAndGet();
      return inner.executeTracked(state, tx, ctx);
    }

    @Override
    public io.ainj.statedb.WriteLog renumber(io.ainj.statedb.WriteLog writes, Transaction tx, long from, long to) {
      return renumbers ? inner.renumber(writes, tx, from, to) : null;
    }
  }

  /**
   * Commits a proposal on its proposer and on each of {@code others}, which validate it first
   * unless they already did.
   */
  private static void commitEverywhere(Chain proposer, Chain.Proposal p, Chain... others) {
    proposer.commit(p.block(), p.state(), null);
    for (Chain c : others) {
      if (c.candidateState(p.block().hash()).isEmpty()) {
        assertNull(c.validate(p.block()));
      }
      commitValidated(c, p.block());
    }
  }

  /**
   * Blocks from {@code proposer}'s pool until it is empty, each validated and committed by
   * {@code check}; returns them.
   */
  private List<Block> drain(Chain proposer, Chain check) {
    List<Block> out = new java.util.ArrayList<>();
    while (proposer.pool().size() > 0) {
      Chain.Proposal p = proposeNext(proposer);
      assertTrue(p.block().transactions().size() > 0);
      out.add(p.block());
      proposer.advancePending();
      assertNull(check.validate(p.block()), "a node re-executing the block agrees");
      proposer.commit(p.block(), p.state(), null);
      commitValidated(check, p.block());
      assertEquals(check.finalizedState().rootProofHash(), proposer.finalizedState().rootProofHash());
    }
    return out;
  }

  /** The next block of {@code chain}, a second after the last one. */
  private Chain.Proposal proposeNext(Chain chain) {
    clock.addAndGet(1000);
    return chain.propose(clock.get(), "0xV", validators(), JSON.arrayNode());
  }

  /** Commits a block {@code chain} validated, with the state its validation computed. */
  private static void commitValidated(Chain chain, Block block) {
    chain.commit(block, chain.candidateState(block.hash()).orElseThrow(), null);
  }

  private static io.ainj.statedb.json.Json pendingValue(Chain chain, String path) {
    return chain.pendingState().get(io.ainj.statedb.StateRoot.VALUES, path);
  }

  private static void commitBoth(Chain proposer, Chain replica, Block block,
      io.ainj.statedb.StateVersion state) {
    proposer.commit(block, state, null);
    commitValidated(replica, block);
  }
}
