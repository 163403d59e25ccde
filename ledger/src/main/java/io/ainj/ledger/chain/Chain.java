package io.ainj.ledger.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.exec.ExecResults;
import io.ainj.ledger.exec.TxExecutor;
import io.ainj.ledger.pool.PooledTx;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.pool.TxTracker;
import io.ainj.ledger.tx.Transaction;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.WriteLog;
import io.ainj.statedb.json.JsonCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's chain: finalized state and blocks, the pool with its pending state, block
 * building, validation and the one commit path every finalized block takes (from the dev
 * producer or from PBFT alike).
 *
 * <p>Mutations are serialised on this object's monitor; signature checks happen before
 * {@link #submit} (see {@link io.ainj.ledger.tx.TxVerifier}). Readers use immutable versions
 * ({@link #finalizedState()}, {@link #pendingState()}) and never block writers for long.
 */
public final class Chain {
  private static final Logger LOG = LoggerFactory.getLogger(Chain.class);
  public static final int NODE_NOT_SERVING = 18001;
  private static final String POOL_VERSION = "POOL";

  /**
   * @param maxTxsPerBlock how many transactions one block may carry
   * @param trackerTimeoutMs AIN's {@code TX_TRACKER_TIMEOUT_MS}
   * @param epochMs genesis {@code epoch_ms}; a block's epoch is its time since genesis in epochs
   */
  public record Config(int maxTxsPerBlock, long trackerTimeoutMs, long genesisTimestamp, long epochMs) {}

  /** The outcome of a submission: the hash and AIN's execution result payload. */
  public record Admission(String txHash, ObjectNode result, boolean pooled) {}

  /** A block built by this node with the state it produces. */
  public record Proposal(Block block, StateVersion state) {}

  private final StateDb stateDb;
  private final ChainStore store;
  private final TxPool pool;
  private final TxTracker tracker;
  private final TxExecutor executor;
  private final LongSupplier clock;
  private final Config config;
  private final List<Consumer<Block>> finalizedListeners = new CopyOnWriteArrayList<>();
  // Validated or self-built blocks waiting for commit, by hash; cleared at each commit.
  private final Map<String, StateVersion> candidateStates = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Block> candidateBlocks = new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.LongAdder admitted = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder committedTxs = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder revertedTxs = new java.util.concurrent.atomic.LongAdder();
  private final Map<Integer, java.util.concurrent.atomic.LongAdder> refused = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Counts for metrics: transactions pooled, transactions refused at admission by AIN code
   * (pool limits, prechecks), and committed ones, of which reverted.
   */
  public record Stats(long admitted, Map<Integer, Long> refusedByCode, long committed, long reverted) {}

  public Stats stats() {
    Map<Integer, Long> r = new java.util.TreeMap<>();
    refused.forEach((k, v) -> r.put(k, v.sum()));
    return new Stats(admitted.sum(), r, committedTxs.sum(), revertedTxs.sum());
  }

  private void refuse(int code) {
    refused.computeIfAbsent(code, c -> new java.util.concurrent.atomic.LongAdder()).increment();
  }

  private MutableState pending;
  private volatile StateVersion pendingView;

  /**
   * A pooled transaction as the pending state ran it (in a block of {@code number}), with the
   * pending state right after it. Reusable when it succeeded without reading the block time: the
   * same transaction at the same point of a block of the same number gives the same receipt and
   * state. {@code writes} (null unless reusable) are its writes when it did not read the block
   * number either: in a block of another number it writes the same, but for what
   * TxExecutor#renumber rewrites, so moving it to another block replays them instead of running it.
   */
  private record Speculated(PooledTx pooled, StateVersion after, boolean reusable, long number, WriteLog writes) {}

  // The pending state's transactions in the order they ran since it was rebuilt on block
  // speculatedOn; a proposer reuses a prefix of them as its block instead of executing again.
  // They run in block-sized chunks: the first maxTxsPerBlock in block speculatedOn + 1, the next
  // ones in the block after, and so on (see contextAt), so that a backlog larger than a block
  // carries over to the next block without running again.
  private final List<Speculated> speculated = new ArrayList<>();
  private long speculatedOn = -1;
  // The block time pending executions see: AIN's (the last finalized block's), or that of the
  // block this node just proposed or validated from its pending state (see seal).
  private long pendingTime;
  // Set when this node proposed or validated a block from a prefix of its pending run order; the
  // pending state then moves on top of that block (at once when nothing has to run again, else
  // in advancePending), and if that very block commits, the pending state already is what a
  // rebuild would give.
  private Sealed sealed;
  // Whether the pending state already is on the sealed block.
  private boolean moved;
  private final java.util.concurrent.atomic.LongAdder rebuilds = new java.util.concurrent.atomic.LongAdder();

  /**
   * Block {@code number} at {@code timestamp}, with state {@code state}, is the first
   * {@code prefixSize} pending runs, then the transactions {@code alsoInBlock} (which this node
   * ran later, or not at all).
   */
  private record Sealed(long number, long timestamp, StateVersion state, int prefixSize, Set<String> alsoInBlock) {}
  private final java.util.concurrent.atomic.LongAdder reusedTxs = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder executedInBlocks = new java.util.concurrent.atomic.LongAdder();
  // Pooled transactions run again on a new pending base (after a block, or to fix their block
  // number): each is an execution the transaction's admission already paid once.
  private final java.util.concurrent.atomic.LongAdder pendingReruns = new java.util.concurrent.atomic.LongAdder();
  // Pooled transactions moved to another block by replaying their writes (see Speculated).
  private final java.util.concurrent.atomic.LongAdder pendingRenumbered = new java.util.concurrent.atomic.LongAdder();
  // Pooled transactions that a rebuild left for later, in run order after the pending runs: a
  // rebuild re-runs at most a few blocks' worth (rerunBudget). Runs past the block a move lands on
  // carry a block number that no longer holds once a block is shorter than the run order
  // assumed (a proposer whose gossip lags, a cut); re-running a whole backlog of them after
  // every such block cost O(pool) per block, which fell further behind the more it had to run.
  // (Most such runs now move by replaying their writes, see Speculated; replays do not count
  // against the budget, which is for runs that must execute again.) While any wait, admissions
  // are refused as by a full pool (so none runs on a state that lacks them); every move or
  // commit runs the next budget of them.
  private final List<PooledTx> deferred = new ArrayList<>();
  // deferred.size() for readers outside the lock (gossip threads, metrics), set with deferred.
  private volatile int deferredSize;
  private volatile boolean serving = true;

  public Chain(StateDb stateDb, TxPool pool, TxTracker tracker, TxExecutor executor,
      LongSupplier clock, Config config) {
    this.stateDb = stateDb;
    this.store = new ChainStore(stateDb.store());
    this.pool = pool;
    this.tracker = tracker;
    this.executor = executor;
    this.clock = clock;
    this.config = config;
    if (store.latestNumber() != stateDb.finalizedHeight()) {
      // One batch writes both, so they can only disagree if the store was tampered with.
      throw new IllegalStateException("chain store is at block " + store.latestNumber()
          + " but the state is at height " + stateDb.finalizedHeight() + "; the data directory is damaged");
    }
    resetPending();
  }

  // ---------------------------------------------------------------- genesis

  /** True when no block has been committed yet. */
  public boolean isEmpty() {
    return store.latestNumber() < 0;
  }

  /**
   * Builds and commits the genesis block: AIN's init state, then the genesis transactions run
   * without fees at the genesis time (protocol spec §4.6).
   *
   * @throws IllegalStateException if a genesis transaction fails or the chain is not empty
   */
  public synchronized Block initGenesis(List<Transaction> txs, String proposer, JsonNode validators) {
    if (!isEmpty()) {
      throw new IllegalStateException("the chain already has a genesis block");
    }
    MutableState state = stateDb.edit("NODE:0");
    writeInitState(state);
    TxExecutor.Context ctx = new TxExecutor.Context(0, config.genesisTimestamp(), true);
    ArrayNode txJson = JsonNodeFactory.instance.arrayNode();
    ArrayNode receipts = JsonNodeFactory.instance.arrayNode();
    double gasAmount = 0;
    double gasCost = 0;
    for (Transaction tx : txs) {
      ObjectNode result = executor.execute(state, tx, ctx);
      if (ExecResults.isFailed(result)) {
        throw new IllegalStateException("genesis transaction " + tx.hash() + " failed: " + result);
      }
      txJson.add(tx.toJson());
      receipts.add(ExecResults.receipt(result));
      gasAmount += result.path("gas_amount_charged").asDouble(0);
      gasCost += result.path("gas_cost_total").asDouble(0);
    }
    StateVersion version = state.snapshot();
    Block genesis = Block.assemble("", JsonNodeFactory.instance.arrayNode(),
        JsonNodeFactory.instance.objectNode(), txJson, receipts, 0, 0, config.genesisTimestamp(),
        version.rootProofHash(), proposer, validators, gasAmount, gasCost);
    commit(genesis, version, null);
    return genesis;
  }

  /** AIN's {@code initDb}: everyone owns the root and the root rule allows every write. */
  static void writeInitState(MutableState state) {
    state.writeRaw(StateRoot.OWNERS, "/", JsonCodec.parse(
        "{\".owner\":{\"owners\":{\"*\":{\"branch_owner\":true,\"write_function\":true,"
            + "\"write_owner\":true,\"write_rule\":true}}}}"));
    state.writeRaw(StateRoot.RULES, "/", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
  }

  // ---------------------------------------------------------------- admission

  public void setServing(boolean serving) {
    this.serving = serving;
  }

  public boolean isServing() {
    return serving;
  }

  /**
   * Admits a verified transaction (protocol spec §3.2): room checks, then execution against
   * the pending state. A dry run executes on a copy and keeps nothing.
   */
  public synchronized Admission submit(Transaction tx, boolean dryrun) {
    if (!dryrun) {
      int room = pool.checkRoom(tx);
      if (room == 0 && tracker.contains(tx.hash())) {
        room = TxPool.TX_ALREADY_RECEIVED;
      }
      if (room == 0 && store.txLocation(tx.hash()).isPresent()) {
        room = TxPool.TX_ALREADY_RECEIVED;
      }
      if (room == 0 && sealed != null && sealed.alsoInBlock().contains(tx.hash())) {
        // In the block this node just proposed or voted for, which its pending state is on.
        room = TxPool.TX_ALREADY_RECEIVED;
      }
      if (room == 0 && !serving) {
        room = NODE_NOT_SERVING;
      }
      if (room != 0) {
        refuse(room);
        return new Admission(tx.hash(), error(room, roomMessage(room)), false);
      }
      if (catchingUp()) {
        refuse(TxPool.TX_POOL_NOT_ENOUGH_ROOM);
        return new Admission(tx.hash(), error(TxPool.TX_POOL_NOT_ENOUGH_ROOM,
            roomMessage(TxPool.TX_POOL_NOT_ENOUGH_ROOM) + ": " + deferred.size()
                + " pooled transactions wait to run again after a block"), false);
      }
    }
    StateVersion before = pending.snapshot();
    TxExecutor.Context ctx = contextAt(speculated.size());
    pending.beginLog();
    TxExecutor.Executed executed = executor.executeTracked(pending, tx, ctx);
    WriteLog writes = pending.endLog();
    ObjectNode result = executed.result();
    if (dryrun) {
      pending.restore(before);
      result.put("is_dryrun", true);
      return new Admission(tx.hash(), result, false);
    }
    if (ExecResults.isPrecheckFailure(result)) {
      pending.restore(before);
      refuse(ExecResults.code(result));
      return new Admission(tx.hash(), result, false);
    }
    boolean ok = !ExecResults.isFailed(result);
    if (!ok) {
      // A failing transaction may become valid later; it waits in the pool, its effects undone.
      pending.restore(before);
    }
    long now = clock.getAsLong();
    PooledTx pooled = new PooledTx(tx, now, result, ok);
    pool.add(pooled);
    // Just appended: its index in the sender's list is the last one.
    tracker.pooled(tx.hash(), tx.address(), tx.timestamp(), ok, result, pool.sizeOf(tx.address()) - 1, now);
    pendingView = pending.snapshot();
    speculated.add(speculation(pooled, pendingView, executed, ctx, writes));
    admitted.increment();
    for (Consumer<PooledTx> l : admissionListeners) {
      l.accept(pooled);
    }
    return new Admission(tx.hash(), result, true);
  }

  /**
   * The context of the pending run at {@code index}: the block it will most likely be in when
   * every block takes the most transactions it may, in pending order.
   */
  private TxExecutor.Context contextAt(int index) {
    return new TxExecutor.Context(speculatedOn + 1 + index / config.maxTxsPerBlock(), pendingTime, false);
  }

  private long latestBlockTime() {
    Block last = store.latestBlock().orElse(null);
    return last == null ? config.genesisTimestamp() : last.header().timestamp();
  }

  private static ObjectNode error(int code, String message) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("code", code);
    r.put("message", message);
    r.put("bandwidth_gas_amount", 0);
    return r;
  }

  private static String roomMessage(int code) {
    return switch (code) {
      case TxPool.TX_ALREADY_RECEIVED -> "Transaction already received";
      case TxPool.TX_POOL_NOT_ENOUGH_ROOM -> "Not enough room in the transaction pool";
      case TxPool.TX_POOL_NOT_ENOUGH_ROOM_FOR_ACCOUNT -> "Not enough room in the transaction pool for the account";
      case TxPool.TX_POOL_NOT_ENOUGH_FREE_ROOM -> "Not enough free room in the transaction pool";
      case TxPool.TX_POOL_NOT_ENOUGH_FREE_ROOM_FOR_ACCOUNT -> "Not enough free room in the transaction pool for the account";
      case NODE_NOT_SERVING -> "Node is not serving";
      default -> "Rejected";
    };
  }

  // ---------------------------------------------------------------- blocks

  /**
   * Builds the next block from the pool on top of the finalized state: transactions in block
   * order, each executed at the block's time; precheck failures (a nonce that no longer fits)
   * are left out, other failures are included and reverted, as in AIN.
   */
  public Proposal propose(long timestamp, String proposer, JsonNode validators, ArrayNode lastVotes) {
    long number = store.latestNumber() + 1;
    Block parent = store.latestBlock().orElseThrow(() -> new IllegalStateException("no genesis block"));
    long blockTime = Math.max(timestamp, parent.header().timestamp());
    Proposal reused = proposeFromPending(parent, number, blockTime, proposer, validators, lastVotes);
    if (reused != null) {
      return reused;
    }
    MutableState state = stateDb.edit("NODE:" + number);
    TxExecutor.Context ctx = new TxExecutor.Context(number, blockTime, false);
    ArrayNode txs = JsonNodeFactory.instance.arrayNode();
    ArrayNode receipts = JsonNodeFactory.instance.arrayNode();
    double gasAmount = 0;
    double gasCost = 0;
    java.util.Iterator<PooledTx> order = pool.blockOrder();
    while (order.hasNext() && txs.size() < config.maxTxsPerBlock()) {
      PooledTx p = order.next();
      ObjectNode result = executor.execute(state, p.tx(), ctx);
      executedInBlocks.increment();
      if (ExecResults.isPrecheckFailure(result)) {
        continue;
      }
      txs.add(p.tx().toJson());
      receipts.add(ExecResults.receipt(result));
      gasAmount += result.path("gas_amount_charged").asDouble(0);
      gasCost += result.path("gas_cost_total").asDouble(0);
    }
    StateVersion version = state.snapshot();
    Block block = Block.assemble(parent.hash(), lastVotes, JsonNodeFactory.instance.objectNode(),
        txs, receipts, number, epochOf(blockTime), blockTime, version.rootProofHash(), proposer,
        validators, gasAmount, gasCost);
    candidateStates.put(block.hash(), version);
    candidateBlocks.put(block.hash(), block);
    return new Proposal(block, version);
  }

  /**
   * The block that the pending state already is: the longest prefix of the pending execution
   * order in which every transaction succeeded without reading the block time, on the current
   * finalized block. Executing those transactions again in a block of this number would give
   * the same receipts and the same state (a precheck reads only state and the transaction), so
   * the proposer takes the pending results as they are. Null when there is no such prefix.
   */
  private Proposal proposeFromPending(Block parent, long number, long blockTime, String proposer,
      JsonNode validators, ArrayNode lastVotes) {
    List<Speculated> prefix = new ArrayList<>();
    synchronized (this) {
      if (speculatedOn != parent.number() || sealed != null) {
        return null;
      }
      for (Speculated s : speculated) {
        if (!s.reusable() || s.number() != number || prefix.size() >= config.maxTxsPerBlock()) {
          break;
        }
        prefix.add(s);
      }
      if (prefix.isEmpty()) {
        return null;
      }
      seal(number, blockTime, prefix.get(prefix.size() - 1).after(), prefix.size(), Set.of());
    }
    // Any rest of the pending runs moves on top of this block in advancePending, once the
    // proposal is on its way: doing it here would delay the proposal by a run of the rest.
    ArrayNode txs = JsonNodeFactory.instance.arrayNode();
    ArrayNode receipts = JsonNodeFactory.instance.arrayNode();
    double gasAmount = 0;
    double gasCost = 0;
    for (Speculated s : prefix) {
      JsonNode result = s.pooled().execResult();
      txs.add(s.pooled().tx().toJson());
      receipts.add(ExecResults.receipt(result));
      gasAmount += result.path("gas_amount_charged").asDouble(0);
      gasCost += result.path("gas_cost_total").asDouble(0);
    }
    StateVersion version = prefix.get(prefix.size() - 1).after();
    Block block = Block.assemble(parent.hash(), lastVotes, JsonNodeFactory.instance.objectNode(),
        txs, receipts, number, epochOf(blockTime), blockTime, version.rootProofHash(), proposer,
        validators, gasAmount, gasCost);
    reusedTxs.add(prefix.size());
    candidateStates.put(block.hash(), version);
    candidateBlocks.put(block.hash(), block);
    return new Proposal(block, version);
  }

  /**
   * Declares block {@code number} (at {@code blockTime}, state {@code blockState}) to be the
   * first {@code prefixSize} runs of the pending order, as proposed or validated by this node
   * (under the chain's lock). The pending state moves on top of it now when that runs nothing
   * again, else in advancePending.
   */
  private void seal(long number, long blockTime, StateVersion blockState, int prefixSize, Set<String> alsoInBlock) {
    sealed = new Sealed(number, blockTime, blockState, prefixSize, alsoInBlock);
    moved = false;
    if (prefixSize == speculated.size() && alsoInBlock.isEmpty() && deferred.isEmpty()) {
      // The block is the whole pending order: the move is free (nothing runs again), so it
      // happens now rather than after the proposal or vote has left. Admissions while the block
      // is hashed and sent then run in the next block's context at once; otherwise they would
      // run in this block's and again after the move (a quarter of all admissions on a busy
      // single validator).
      rebuild(moveOnto(sealed, true));
    }
  }

  /**
   * Moves the pending state on top of the block it was last sealed on: the transactions after
   * the block's prefix now belong to the blocks after it (this block's time, numbers from
   * number + 1 on), and later admissions run there too. AIN rebuilds the pending state the same
   * way once the block is final; doing it as soon as the block is proposed or validated means
   * that, when this block is the one that commits, there is nothing left to rebuild, and
   * admissions from then on already run in the block they will most likely be in. Runs that
   * already are where they belong stay (a full block's prefix leaves the next chunk in place);
   * the others run again. Called by the consensus thread once its proposal or vote has left;
   * does nothing when there is nothing to move.
   */
  public void advancePending() {
    Rebuild r;
    synchronized (this) {
      if (sealed == null || moved) {
        return;
      }
      r = moveOnto(sealed, true);
    }
    rebuild(r);
  }

  /**
   * The rebuild that puts the pending state on top of the block of {@code b}: the runs after its
   * prefix that already ran in the block they now belong to, and did not read the block time,
   * stay as they are; from the first that did not, the runs that read neither the block time
   * nor its number replay their writes in their new block (a block shorter than the run order
   * assumed moves every later run one block on); from the first of those that did, everything
   * runs again. A move before the block commits keeps it sealed ({@code stillSealed}).
   */
  private Rebuild moveOnto(Sealed b, boolean stillSealed) {
    List<Speculated> kept = new ArrayList<>();
    List<Speculated> replay = new ArrayList<>();
    // When the block has transactions beyond the prefix, it differs from the pending order there
    // and all the rest runs again.
    int j = b.prefixSize();
    for (; b.alsoInBlock().isEmpty() && j < speculated.size(); j++) {
      Speculated x = speculated.get(j);
      if (!x.reusable() || x.number() != b.number() + 1 + kept.size() / config.maxTxsPerBlock()) {
        break;
      }
      kept.add(x);
    }
    for (; b.alsoInBlock().isEmpty() && j < speculated.size() && speculated.get(j).writes() != null; j++) {
      replay.add(speculated.get(j));
    }
    StateVersion base = kept.isEmpty() ? b.state() : kept.get(kept.size() - 1).after();
    List<PooledTx> toRun = runFrom(j);
    toRun.addAll(deferred);
    return new Rebuild(base, b.number(), b.timestamp(), kept, replay, toRun,
        speculated.size(), stillSealed ? b : null, b.alsoInBlock());
  }

  /**
   * Replays the runs of {@code from} onto {@code target}, a pending state on block
   * {@code onHeight}, after {@code out} (the runs before them, which decide their blocks as in
   * contextAt), as long as the executor can renumber them and they are still pooled and not in
   * {@code skip}; returns how many it replayed. What follows the first it cannot replay was run
   * on a state that the rest of the rebuild may not give, so all of that runs again.
   */
  private int replayRuns(MutableState target, long onHeight, List<Speculated> from, Set<String> skip,
      List<Speculated> out) {
    int done = 0;
    for (Speculated x : from) {
      String hash = x.pooled().tx().hash();
      if (pool.get(hash) == null || skip.contains(hash)) {
        break;
      }
      long number = onHeight + 1 + out.size() / config.maxTxsPerBlock();
      WriteLog writes = executor.renumber(x.writes(), x.pooled().tx(), x.number(), number);
      if (writes == null) {
        break;
      }
      target.replay(writes);
      out.add(new Speculated(x.pooled(), target.snapshot(), true, number, writes));
      pendingRenumbered.increment();
      done++;
    }
    return done;
  }


  /**
   * Runs a pooled transaction on {@code target} in {@code ctx}: kept on success, undone on
   * failure (it stays pooled), and reported as invalid (false) on a precheck failure. The new
   * result goes to the pool and the run to {@code out}.
   */
  private boolean runPooled(MutableState target, TxExecutor.Context ctx, PooledTx p, List<Speculated> out) {
    // ctx: see contextAt; out holds the runs before this one.
    StateVersion before = target.snapshot();
    target.beginLog();
    TxExecutor.Executed executed = executor.executeTracked(target, p.tx(), ctx);
    WriteLog writes = target.endLog();
    ObjectNode result = executed.result();
    if (ExecResults.isPrecheckFailure(result)) {
      target.restore(before);
      return false;
    }
    boolean ok = !ExecResults.isFailed(result);
    if (!ok) {
      target.restore(before);
    }
    PooledTx updated = new PooledTx(p.tx(), p.receivedAtMs(), result, ok);
    pool.update(updated);
    out.add(speculation(updated, target.snapshot(), executed, ctx, writes));
    return true;
  }

  /** A pending run of {@code p} in {@code ctx} (see Speculated), the state after it {@code after}. */
  private static Speculated speculation(PooledTx p, StateVersion after, TxExecutor.Executed executed,
      TxExecutor.Context ctx, WriteLog writes) {
    boolean reusable = p.executed() && !executed.dependsOnBlockTime();
    return new Speculated(p, after, reusable, ctx.blockNumber(),
        reusable && !executed.dependsOnBlockNumber() ? writes : null);
  }
  /** The pooled transactions of the pending run order from index {@code from} on. */
  private List<PooledTx> runFrom(int from) {
    List<PooledTx> out = new ArrayList<>();
    for (Speculated x : speculated.subList(Math.min(from, speculated.size()), speculated.size())) {
      out.add(x.pooled());
    }
    return out;
  }

  /**
   * Runs the still pooled ones of {@code toRun} on {@code target}, a pending state on block
   * {@code onHeight} at {@code time}, appending the runs to {@code out} (which holds the runs
   * before them: a run's index decides its block, as in contextAt), except those in {@code skip};
   * returns the hashes of those that no longer fit (a precheck failure).
   */
  private List<String> runAll(MutableState target, long onHeight, long time, List<PooledTx> toRun,
      Set<String> skip, List<Speculated> out, Budget budget) {
    List<String> invalid = new ArrayList<>();
    for (PooledTx p : toRun) {
      if (pool.get(p.tx().hash()) == null || skip.contains(p.tx().hash())) {
        continue;
      }
      if (budget.left == 0) {
        budget.over.add(p);
        continue;
      }
      budget.left--;
      TxExecutor.Context ctx = new TxExecutor.Context(onHeight + 1 + out.size() / config.maxTxsPerBlock(), time, false);
      pendingReruns.increment();
      if (!runPooled(target, ctx, p, out)) {
        invalid.add(p.tx().hash());
      }
    }
    return invalid;
  }

  /**
   * Makes {@code next} the pending state (under the chain's lock): built on block
   * {@code onHeight} at {@code time}, with {@code runs} as its run order; the invalid
   * transactions leave the pool.
   */
  private void install(MutableState next, List<Speculated> runs, long onHeight, long time,
      List<String> invalid, Sealed stillSealed, List<PooledTx> left) {
    pending = next;
    speculated.clear();
    speculated.addAll(runs);
    deferred.clear();
    deferred.addAll(left);
    deferredSize = deferred.size();
    speculatedOn = onHeight;
    pendingTime = time;
    sealed = stillSealed;
    moved = stillSealed != null;
    for (PooledTx dropped : pool.remove(invalid)) {
      tracker.dropped(dropped.tx().hash(), TxTracker.State.FAILED);
    }
    pendingView = pending.snapshot();
    stateDb.putVersion(POOL_VERSION, pendingView);
  }


  /**
   * A rebuild of the pending state on block {@code onHeight} at {@code time}: the {@code kept}
   * runs as they are, then on {@code base} (the state after the kept runs) the {@code replay}
   * runs replayed in their new blocks, then {@code toRun}, then whatever was admitted on the old
   * pending state from index {@code mark} of its run list on. A move on top of a block not yet
   * committed keeps it as {@code sealed}; the transactions {@code inBlock} belong to the block
   * it moves onto and do not run.
   */
  private record Rebuild(StateVersion base, long onHeight, long time, List<Speculated> kept,
      List<Speculated> replay, List<PooledTx> toRun, int mark, Sealed sealed, Set<String> inBlock) {}

  /**
   * Carries out a rebuild. The long part runs without the chain's lock, so admissions go on
   * meanwhile (on the old pending state, which already holds the committed block's
   * transactions); under the lock, those late admissions run again on the new state and it
   * takes over.
   */
  private void rebuild(Rebuild r) {
    MutableState next = r.base().edit(POOL_VERSION, stateDb.config());
    List<Speculated> runs = new ArrayList<>(r.kept());
    int replayed = replayRuns(next, r.onHeight(), r.replay(), r.inBlock(), runs);
    // What could not be replayed runs again, before the rest.
    List<PooledTx> toRun = new ArrayList<>();
    for (Speculated x : r.replay().subList(replayed, r.replay().size())) {
      toRun.add(x.pooled());
    }
    toRun.addAll(r.toRun());
    Budget budget = new Budget(rerunBudget());
    List<String> invalid = runAll(next, r.onHeight(), r.time(), toRun, r.inBlock(), runs, budget);
    synchronized (this) {
      invalid.addAll(runAll(next, r.onHeight(), r.time(), runFrom(r.mark()), r.inBlock(), runs, budget));
      install(next, runs, r.onHeight(), r.time(), invalid, r.sealed(), budget.over);
    }
  }

  /**
   * How many pooled transactions one rebuild runs again: {@value #RERUN_BUDGET_BLOCKS} blocks'
   * worth. A backlog up to that runs again as before (refusing admissions whenever a short
   * block follows a full one cost more than it saved: at 1,000 tx/s on four validators, one in
   * sixteen transactions was refused); a longer one waits in {@code deferred}.
   */
  private int rerunBudget() {
    return Math.max(1, RERUN_BUDGET_BLOCKS * config.maxTxsPerBlock());
  }

  static final int RERUN_BUDGET_BLOCKS = 4;

  /** Re-runs left to a rebuild, and the transactions it had no budget left for, in order. */
  private static final class Budget {
    int left;
    final List<PooledTx> over = new ArrayList<>();

    Budget(int left) {
      this.left = left;
    }
  }

  /** Pooled transactions waiting to run on the pending state (see {@code deferred}). */
  public int deferredCount() {
    return deferredSize;
  }

  /**
   * Whether pooled transactions wait to run on the pending state: admissions are refused
   * (10704) until they have run, so a caller may skip work on a transaction it would submit.
   */
  public boolean catchingUp() {
    return deferredSize > 0;
  }


  /**
   * How many block transactions this node took from its pending execution, how many it
   * executed while building blocks, how many times it rebuilt the pending state from the pool
   * after a commit, how many pooled transactions it ran again on a new pending base, and how
   * many it moved to another block by replaying their writes instead.
   */
  public record BuildStats(long reused, long executed, long rebuilds, long reruns, long renumbered) {}

  public BuildStats buildStats() {
    return new BuildStats(reusedTxs.sum(), executedInBlocks.sum(), rebuilds.sum(),
        pendingReruns.sum(), pendingRenumbered.sum());
  }

  /**
   * Re-executes a block proposed by another validator on the finalized state and checks that
   * every receipt, the gas totals and the state root match. Null when valid, else why not.
   */
  public String validate(Block block) {
    long number = store.latestNumber() + 1;
    Block parent = store.latestBlock().orElse(null);
    if (parent == null || block.number() != number) {
      return "block " + block.number() + " does not extend the chain at " + (number - 1);
    }
    if (!block.header().lastHash().equals(parent.hash())) {
      return "last_hash does not match the finalized block " + parent.hash();
    }
    if (block.header().timestamp() < parent.header().timestamp()) {
      return "timestamp goes back in time";
    }
    // The block's first transactions are usually this node's first pending runs (same gossip,
    // same order); those need not run again. The rest (not arrived here yet, or in another
    // order) runs on top of them.
    List<Speculated> reused = reusablePrefix(block, parent);
    int m = reused.size();
    int k = block.transactions().size();
    StateVersion after = m > 0 ? reused.get(m - 1).after() : null;
    if (m < k) {
      MutableState state = m > 0 ? after.edit("NODE:" + number, stateDb.config()) : stateDb.edit("NODE:" + number);
      TxExecutor.Context ctx = new TxExecutor.Context(number, block.header().timestamp(), false);
      for (int i = m; i < k; i++) {
        JsonNode txJson = block.transactions().get(i);
        Transaction tx = new Transaction(txJson.get("tx_body"), txJson.path("signature").asText(),
            txJson.path("hash").asText(), txJson.path("address").asText());
        ObjectNode result = executor.execute(state, tx, ctx);
        executedInBlocks.increment();
        if (!ExecResults.sameReceipt(block.receipts().get(i), ExecResults.receipt(result))) {
          return "receipt " + i + " differs: expected " + io.ainj.crypto.CanonicalJson.stringify(block.receipts().get(i))
              + ", got " + io.ainj.crypto.CanonicalJson.stringify(ExecResults.receipt(result));
        }
      }
      after = state.snapshot();
    } else if (after == null) {
      after = stateDb.finalized();
    }
    String root = after.rootProofHash();
    if (!root.equals(block.header().stateProofHash())) {
      return "state_proof_hash differs: block says " + block.header().stateProofHash() + ", execution gives " + root;
    }
    reusedTxs.add(m);
    synchronized (this) {
      if (speculatedOn == parent.number() && sealed == null && speculated.size() >= m
          && (m == 0 || speculated.get(m - 1) == reused.get(m - 1))) {
        Set<String> alsoInBlock = new HashSet<>();
        for (int i = m; i < k; i++) {
          alsoInBlock.add(block.transactions().get(i).path("hash").asText());
        }
        // Anything to run again on top of the block waits for advancePending, after this node's vote.
        seal(block.number(), block.header().timestamp(), after, m, alsoInBlock);
      }
    }
    candidateStates.put(block.hash(), after);
    candidateBlocks.put(block.hash(), block);
    return null;
  }

  /**
   * The longest prefix of {@code block} that this node already ran as its first pending runs:
   * the same transactions in the same order, on the block's parent, in a block of this number,
   * none of them reading the block time, every receipt equal to the block's. Such runs are an
   * execution of those transactions in this block, done earlier.
   */
  private List<Speculated> reusablePrefix(Block block, Block parent) {
    int k = block.transactions().size();
    List<Speculated> prefix;
    synchronized (this) {
      if (k == 0 || speculatedOn != parent.number() || sealed != null) {
        return List.of();
      }
      prefix = new ArrayList<>(speculated.subList(0, Math.min(k, speculated.size())));
    }
    // Compared without the lock (admissions only append to the run order; it is replaced only on
    // this, the consensus thread), so admissions are not held up by a block's worth of checks.
    for (int i = 0; i < prefix.size(); i++) {
      Speculated s = prefix.get(i);
      if (!s.reusable() || s.number() != block.number()
          || !s.pooled().tx().toJson().equals(block.transactions().get(i))
          || !ExecResults.sameReceipt(block.receipts().get(i), ExecResults.receipt(s.pooled().execResult()))) {
        return prefix.subList(0, i);
      }
    }
    return prefix;
  }


  /** A block this node built or validated, by hash, until the next commit. */
  public Optional<Block> candidateBlock(String blockHash) {
    return Optional.ofNullable(candidateBlocks.get(blockHash));
  }

  /** The state a built or validated block produces, if this node has it. */
  public Optional<StateVersion> candidateState(String blockHash) {
    return Optional.ofNullable(candidateStates.get(blockHash));
  }

  /**
   * The one commit path: block, receipts, indexes, certificate and the new state in one atomic
   * write; then the pool, the tracker and the pending state catch up, and listeners hear of it.
   */
  public void commit(Block block, StateVersion state, JsonNode certificate) {
    // Building, validating and committing happen on one thread (consensus); admission runs
    // concurrently on the pending state and only waits for the pool/pending hand-over below.
    synchronized (commitLock) {
      if (block.number() != store.latestNumber() + 1) {
        throw new IllegalStateException("commit of block " + block.number() + " on top of " + store.latestNumber());
      }
      stateDb.commit(block.number(), state, batch -> store.stage(batch, block, certificate));
      store.committed(block);
      candidateStates.clear();
      candidateBlocks.clear();
    }
    Rebuild rebuild;
    synchronized (this) {
      rebuild = afterCommit(block, state);
    }
    if (rebuild != null) {
      rebuild(rebuild);
    }
    for (Consumer<Block> l : finalizedListeners) {
      try {
        l.accept(block);
      } catch (RuntimeException e) {
        LOG.warn("a finalized-block listener failed", e);
      }
    }
  }

  private final Object commitLock = new Object();

  /**
   * Jumps to a certified block far ahead with its state, fetched as a snapshot and already
   * checked against the block's state root by the caller: block, certificate and state in one
   * atomic write, as a commit. The blocks in between are not on this node (their reads answer
   * null). The pool is emptied: this node cannot tell which of its transactions those blocks
   * already carried.
   */
  public void installSnapshot(Block block, StateVersion state, JsonNode certificate) {
    synchronized (commitLock) {
      if (block.number() <= store.latestNumber()) {
        throw new IllegalStateException("snapshot at block " + block.number() + " is not ahead of " + store.latestNumber());
      }
      if (!state.rootProofHash().equals(block.header().stateProofHash())) {
        throw new IllegalArgumentException("snapshot state does not match block " + block.number());
      }
      stateDb.commit(block.number(), state, batch -> store.stage(batch, block, certificate));
      store.committed(block);
      candidateStates.clear();
      candidateBlocks.clear();
    }
    synchronized (this) {
      List<String> all = new ArrayList<>();
      for (PooledTx p : pool.inAdmissionOrder()) {
        all.add(p.tx().hash());
      }
      for (PooledTx dropped : pool.remove(all)) {
        tracker.dropped(dropped.tx().hash(), TxTracker.State.FAILED);
      }
      tracker.evict(block.header().timestamp());
      resetPending();
    }
    LOG.info("installed the state snapshot of block {} ({})", block.number(), block.hash());
    for (Consumer<Block> l : finalizedListeners) {
      try {
        l.accept(block);
      } catch (RuntimeException e) {
        LOG.warn("a finalized-block listener failed", e);
      }
    }
  }

  /** Pool, tracker and pending state catch up with a committed block. */
  private Rebuild afterCommit(Block block, StateVersion committedState) {
    long now = clock.getAsLong();
    Set<String> included = new HashSet<>();
    for (int i = 0; i < block.transactions().size(); i++) {
      JsonNode tx = block.transactions().get(i);
      String hash = tx.path("hash").asText();
      included.add(hash);
      JsonNode receipt = block.receipts().get(i);
      committedTxs.increment();
      if (ExecResults.isFailed(receipt)) {
        revertedTxs.increment();
      }
      PooledTx pooled = pool.get(hash);
      tracker.finalized(hash, tx.path("address").asText(), tx.path("tx_body").path("timestamp").asDouble(),
          block.number(), i, pooled == null ? receipt : pooled.execResult(), ExecResults.isFailed(receipt), now);
    }
    pool.remove(included);
    boolean expired = false;
    for (PooledTx e : pool.expire(now)) {
      tracker.dropped(e.tx().hash(), TxTracker.State.TIMED_OUT);
      expired = true;
    }
    tracker.evict(block.header().timestamp());
    deferred.removeIf(p -> pool.get(p.tx().hash()) == null);
    deferredSize = deferred.size();
    Sealed s = sealed;
    boolean wasMoved = moved;
    sealed = null;
    moved = false;
    // Rebuilt whenever it is free (empty pool). No periodic rebuild under load: it re-ran the
    // whole backlog (O(pool) on the consensus thread), and the nodes a commit writes from memory
    // become evictable like loaded ones, so keeping the pending graph holds no extra memory.
    boolean keep = !expired && pool.size() > 0;
    if (keep && s != null && s.state() == committedState && s.number() == block.number()
        && s.timestamp() == block.header().timestamp()) {
      if (!wasMoved) {
        // Sealed on this block but not moved yet (block sync commits right after validating).
        return moveOnto(s, false);
      }
      if (noneOf(included)) {
        // The pending state was built on this very block; only its name moves to the new base.
        stateDb.putVersion(POOL_VERSION, pendingView);
        return null;
      }
    }
    // The whole remaining pool runs again, in admission order (valid by construction, and the
    // order of validators fed by the same gossip, whose blocks can then be validated from it).
    // On the store-backed finalized state, so the pending nodes become evictable again.
    rebuilds.increment();
    return new Rebuild(stateDb.finalized(), block.number(), block.header().timestamp(), List.of(), List.of(),
        pool.inAdmissionOrder(), speculated.size(), null, Set.of());
  }

  /** Whether no pending run is one of {@code txHashes} (kept pending runs must not repeat a block's). */
  private boolean noneOf(Set<String> txHashes) {
    for (Speculated x : speculated) {
      if (txHashes.contains(x.pooled().tx().hash())) {
        return false;
      }
    }
    return true;
  }

  /** Re-runs the remaining pool on the new finalized state; transactions that no longer fit leave. */
  private void resetPending() {
    rebuilds.increment();
    MutableState next = stateDb.edit(POOL_VERSION);
    List<Speculated> runs = new ArrayList<>();
    // Admission order, not block order: it is valid by construction, and it keeps this node's
    // pending order equal to that of validators fed by the same gossip, whose blocks it can
    // then validate from its pending execution.
    Budget budget = new Budget(rerunBudget());
    List<String> invalid = runAll(next, store.latestNumber(), latestBlockTime(), pool.inAdmissionOrder(), Set.of(),
        runs, budget);
    install(next, runs, store.latestNumber(), latestBlockTime(), invalid, null, budget.over);
  }


  public void onFinalized(Consumer<Block> listener) {
    finalizedListeners.add(listener);
  }

  /**
   * Called after each pooled admission, under the chain's lock and so in admission order: must
   * only hand work off.
   */
  public void onAdmitted(Consumer<PooledTx> listener) {
    admissionListeners.add(listener);
  }

  private final List<Consumer<PooledTx>> admissionListeners = new CopyOnWriteArrayList<>();

  private long epochOf(long timestamp) {
    return Math.max(0, (timestamp - config.genesisTimestamp()) / Math.max(1, config.epochMs()));
  }

  // ---------------------------------------------------------------- reads

  public StateVersion finalizedState() {
    return stateDb.finalized();
  }

  public StateVersion pendingState() {
    return pendingView;
  }

  public ChainStore store() {
    return store;
  }

  public TxPool pool() {
    return pool;
  }

  public TxTracker tracker() {
    return tracker;
  }

  public long latestNumber() {
    return store.latestNumber();
  }

  /**
   * {@code ain_getTransactionByHash}: the tracker record with the transaction and, once in a
   * block, its receipt; for finalized transactions the tracker no longer holds (evicted, or
   * before a restart) the record is rebuilt from the chain.
   */
  public Optional<ObjectNode> transactionByHash(String hash) {
    TxTracker.Record record = tracker.get(hash);
    if (record != null && record.number() < 0) {
      ObjectNode out = record.toJson();
      PooledTx p = pool.get(hash);
      if (p != null) {
        out.set("transaction", p.tx().toJson());
      }
      return Optional.of(out);
    }
    Optional<ChainStore.TxLocation> loc = store.txLocation(hash);
    if (loc.isEmpty()) {
      return record == null ? Optional.empty() : Optional.of(record.toJson());
    }
    Block block = store.byNumber(loc.get().blockNumber()).orElseThrow();
    int index = loc.get().index();
    JsonNode receipt = block.receipts().get(index);
    ObjectNode out;
    if (record != null) {
      out = record.toJson();
    } else {
      JsonNode tx = block.transactions().get(index);
      out = new TxTracker.Record(hash,
          ExecResults.isFailed(receipt) ? TxTracker.State.REVERTED : TxTracker.State.FINALIZED,
          block.number(), index, tx.path("address").asText(), tx.path("tx_body").path("timestamp").asDouble(),
          true, true, -1, -1, block.header().timestamp(), receipt).toJson();
    }
    out.set("transaction", block.transactions().get(index));
    out.set("receipt", receipt);
    return Optional.of(out);
  }
}
