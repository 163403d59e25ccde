package io.ainj.node.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ainj.consensus.core.ConsensusStateMachine;
import io.ainj.consensus.core.Effect;
import io.ainj.consensus.core.Event;
import io.ainj.consensus.core.SafetyState;
import io.ainj.consensus.core.TimerKey;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.ValidatorSet;
import io.ainj.crypto.AinJson;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.chain.Chain;
import io.ainj.statedb.StateVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the PBFT state machine for this node: one thread owns it and executes its effects in
 * order; timers and answers from the ledger come back as events on that same thread. Blocks
 * are proposed from the pool at most every {@code blockIntervalMs}, and at least every
 * {@code emptyBlockIntervalMs} even without transactions, so the chain shows it is alive.
 *
 * <p>Effects that need peers (broadcast, send, sync) go to the {@link Network} port; a
 * single validator has none and the state machine reaches its quorum of one by itself.
 */
public final class ConsensusDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsensusDriver.class);

  /**
   * Peers' transaction gossip as this node admits it, which a proposer waits on (see propose):
   * batches received, of those the ones admitted or dropped (in arrival order), and a hook run
   * each time one is done.
   */
  public interface Gossip {
    long batchesReceived();

    long batchesDone();

    void onBatchDone(Runnable listener);
  }

  /** Where consensus packets and sync requests go; a single validator uses {@link #NONE}. */
  public interface Network {
    void broadcast(io.ainj.consensus.messages.Packet packet);

    void send(io.ainj.consensus.types.ValidatorId to, io.ainj.consensus.messages.Packet packet);

    void requestSync(long fromHeight, long targetHeight);

    Network NONE = new Network() {
      @Override
      public void broadcast(io.ainj.consensus.messages.Packet packet) {}

      @Override
      public void send(io.ainj.consensus.types.ValidatorId to, io.ainj.consensus.messages.Packet packet) {}

      @Override
      public void requestSync(long fromHeight, long targetHeight) {}
    };
  }

  /** What a block carries about the validator set, and who this node is. */
  public record BlockMeta(String proposer, JsonNode validators) {}

  /**
   * Checks of a peer's block that re-execution does not make (transaction signatures of
   * transactions this node has not verified itself); null when it passes, else why not.
   */
  public interface BlockCheck {
    String check(Block block);

    BlockCheck NONE = b -> null;
  }

  /** A block fetched by block sync whose commit certificate was verified off this thread. */
  public record SyncedBlock(Block block, CommitCertificate certificate) {}

  /** Most network events waiting for the consensus thread; more are dropped (and counted). */
  public static final int MAX_QUEUED_NETWORK_EVENTS = 20_000;

  private final ConsensusStateMachine machine;
  private final Chain chain;
  private final SafetyStore safety;
  private final ValidatorSet validators;
  private final BlockMeta meta;
  private final Network network;
  private final LongSupplier clock;
  private final long blockIntervalMs;
  private final long emptyBlockIntervalMs;
  private final ScheduledExecutorService thread;
  private final Map<TimerKey, ScheduledFuture<?>> timers = new HashMap<>();
  private final BlockCheck blockCheck;
  private final java.util.concurrent.atomic.AtomicInteger queuedNetworkEvents = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong droppedNetworkEvents = new java.util.concurrent.atomic.AtomicLong();
  private long lastCommitAt;
  private volatile boolean closed;

  public ConsensusDriver(ConsensusStateMachine machine, Chain chain, SafetyStore safety,
      ValidatorSet validators, BlockMeta meta, Network network, LongSupplier clock,
      long blockIntervalMs, long emptyBlockIntervalMs) {
    this(machine, chain, safety, validators, meta, network, clock, blockIntervalMs, emptyBlockIntervalMs,
        BlockCheck.NONE);
  }

  public ConsensusDriver(ConsensusStateMachine machine, Chain chain, SafetyStore safety,
      ValidatorSet validators, BlockMeta meta, Network network, LongSupplier clock,
      long blockIntervalMs, long emptyBlockIntervalMs, BlockCheck blockCheck) {
    this.blockCheck = blockCheck;
    this.machine = machine;
    this.chain = chain;
    this.safety = safety;
    this.validators = validators;
    this.meta = meta;
    this.network = network;
    this.clock = clock;
    this.blockIntervalMs = blockIntervalMs;
    this.emptyBlockIntervalMs = emptyBlockIntervalMs;
    this.gossipWaitMs = Math.max(MIN_GOSSIP_WAIT_MS, 4 * blockIntervalMs);
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "consensus");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the state machine at the chain's tip with the safety state found on disk. */
  public void start(Optional<SafetyState> saved) {
    Block tip = chain.store().latestBlock().orElseThrow(() -> new IllegalStateException("no genesis block"));
    Optional<CommitCertificate> cert = chain.store().certificate(tip.number()).map(CertificateJson::decode);
    lastCommitAt = clock.getAsLong();
    submit(new Event.Start(tip.number(), Hash.fromHex(tip.hash()), cert, validators, saved));
  }

  /** Queues an event for the consensus thread (network and timers call this). */
  public void submit(Event event) {
    if (closed) {
      return;
    }
    thread.execute(() -> handle(event));
  }

  /**
   * Queues an event from the network if the bounded queue has room; a full queue drops it (PBFT
   * tolerates lost messages: timers and view changes recover) rather than exhausting memory.
   */
  public boolean offer(Event event) {
    if (closed) {
      return false;
    }
    if (queuedNetworkEvents.incrementAndGet() > MAX_QUEUED_NETWORK_EVENTS) {
      queuedNetworkEvents.decrementAndGet();
      droppedNetworkEvents.incrementAndGet();
      return false;
    }
    try {
      thread.execute(() -> {
        queuedNetworkEvents.decrementAndGet();
        handle(event);
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      queuedNetworkEvents.decrementAndGet();
      return false;
    }
    return true;
  }

  /**
   * Applies blocks fetched by block sync, in order, on the consensus thread (the one commit
   * path): each must extend the tip, re-execute to its state root, and is then committed with
   * its certificate and reported to the state machine as Committed.
   *
   * @param done called on the consensus thread with how many blocks were applied, or -1 when a
   *     block did not execute here
   */
  public void applySynced(List<SyncedBlock> blocks, java.util.function.IntConsumer done) {
    if (closed) {
      return;
    }
    thread.execute(() -> {
      int applied = 0;
      for (SyncedBlock sb : blocks) {
        if (closed) {
          break;
        }
        Block b = sb.block();
        long next = chain.latestNumber() + 1;
        if (b.number() < next) {
          continue;
        }
        if (b.number() > next) {
          break;
        }
        String why = blockCheck.check(b);
        if (why == null && chain.candidateState(b.hash()).isEmpty()) {
          why = chain.validate(b);
        }
        if (why != null) {
          LOG.error("synced block {} ({}) does not execute here: {}", b.number(), b.hash(), why);
          done.accept(-1);
          return;
        }
        chain.commit(b, chain.candidateState(b.hash()).orElseThrow(), CertificateJson.encode(sb.certificate()));
        lastCommitAt = clock.getAsLong();
        applied++;
        handle(new Event.Committed(b.number(), Hash.fromHex(b.hash()), sb.certificate(), validators));
      }
      done.accept(applied);
    });
  }

  /**
   * Installs a verified state snapshot at its certified block on the consensus thread (the
   * chain's commit lock keeps it atomic against other commits) and moves consensus to the next
   * height. {@code done} hears whether it was installed (false when the chain got there first).
   */
  public void installSnapshot(Block block, CommitCertificate certificate, StateVersion state,
      java.util.function.Consumer<Boolean> done) {
    if (closed) {
      return;
    }
    thread.execute(() -> {
      if (closed || block.number() <= chain.latestNumber()) {
        done.accept(false);
        return;
      }
      try {
        chain.installSnapshot(block, state, CertificateJson.encode(certificate));
      } catch (RuntimeException e) {
        LOG.error("state snapshot of block {} could not be installed", block.number(), e);
        done.accept(false);
        return;
      }
      lastCommitAt = clock.getAsLong();
      handle(new Event.Committed(block.number(), Hash.fromHex(block.hash()), certificate, validators));
      done.accept(true);
    });
  }

  /** Most proposals held decoded ahead of the consensus thread. */
  private static final int MAX_DECODED = 16;
  // Proposals decoded on the network's verify threads, by block hash, so the consensus thread
  // does not parse and hash them itself (a block of 1,000 transactions is ~0.5 MB of JSON).
  private final Map<String, Block> decoded = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Decodes a proposal's payload ahead of the consensus thread; called by the network after the
   * packet's signature check. A payload that does not decode to a consistent block of that hash
   * and height is left for the consensus thread, which rejects it.
   */
  public void predecode(io.ainj.consensus.types.Block block) {
    String hash = block.hash().toHex();
    if (closed || decoded.size() >= MAX_DECODED || decoded.containsKey(hash)
        || block.height() <= chain.latestNumber() || chain.candidateBlock(hash).isPresent()) {
      return;
    }
    try {
      Block b = Block.fromJson(AinJson.mapper().readTree(block.payload()));
      if (b.hash().equals(hash) && b.number() == block.height()) {
        decoded.put(hash, b);
      }
    } catch (java.io.IOException | RuntimeException e) {
      // left to validate(), which logs and rejects it
    }
  }

  /** The ledger block of a consensus block: decoded ahead if it was, else now. */
  private Block decode(io.ainj.consensus.types.Block block) throws java.io.IOException {
    Block b = decoded.remove(block.hash().toHex());
    return b != null ? b : Block.fromJson(AinJson.mapper().readTree(block.payload()));
  }

  public long droppedNetworkEvents() {
    return droppedNetworkEvents.get();
  }

  private void handle(Event event) {
    if (closed) {
      return;
    }
    List<Effect> effects;
    try {
      effects = machine.handle(event);
    } catch (RuntimeException e) {
      // A broken invariant inside consensus: stop rather than risk an unsafe vote.
      LOG.error("consensus state machine failed on {}; stopping consensus", event.getClass().getSimpleName(), e);
      closed = true;
      return;
    }
    for (Effect effect : effects) {
      execute(effect);
    }
    // Readers on other threads (status, metrics) see a snapshot, never the live machine.
    published = new Published(machine.stats(), machine.height(), machine.view(), machine.inViewChange(),
        machine.primary());
  }

  private record Published(io.ainj.consensus.core.ConsensusStats stats, long height, int view, boolean inViewChange,
      io.ainj.consensus.types.ValidatorId primary) {}

  private volatile Published published;

  /** The counters of the state machine as of its last event. */
  public io.ainj.consensus.core.ConsensusStats stats() {
    Published p = published;
    return p == null ? null : p.stats();
  }

  public int view() {
    Published p = published;
    return p == null ? 0 : p.view();
  }

  private void execute(Effect effect) {
    if (effect instanceof Effect.PersistSafetyState p) {
      safety.save(p.state());
    } else if (effect instanceof Effect.Broadcast b) {
      network.broadcast(b.packet());
    } else if (effect instanceof Effect.Send s) {
      network.send(s.to(), s.packet());
    } else if (effect instanceof Effect.StartTimer t) {
      ScheduledFuture<?> old = timers.put(t.key(),
          thread.schedule(() -> handle(new Event.TimerFired(t.key())), t.delayMillis(), TimeUnit.MILLISECONDS));
      if (old != null) {
        old.cancel(false);
      }
    } else if (effect instanceof Effect.CancelTimer t) {
      ScheduledFuture<?> old = timers.remove(t.key());
      if (old != null) {
        old.cancel(false);
      }
    } else if (effect instanceof Effect.RequestProposal r) {
      propose(r.height(), r.view());
    } else if (effect instanceof Effect.RequestValidation v) {
      long t = System.nanoTime();
      boolean valid = validate(v.block());
      if (LOG.isDebugEnabled()) {
        LOG.debug("validated block {}: {} in {} ms", v.block().height(), valid, (System.nanoTime() - t) / 1_000_000.0);
      }
      Event.ValidationResult result = new Event.ValidationResult(v.block(), valid);
      // Answers go back through the queue: the rest of this effect list runs first, in order.
      thread.execute(() -> handle(result));
      if (valid) {
        // After the vote has left: the pending state moves on top of the block.
        thread.execute(chain::advancePending);
      }
    } else if (effect instanceof Effect.CommitBlock c) {
      commit(c.block(), c.certificate());
    } else if (effect instanceof Effect.RequestSync s) {
      network.requestSync(s.fromHeight(), s.targetHeight());
    } else if (effect instanceof Effect.CheckpointStable s) {
      LOG.debug("stable checkpoint at height {}", s.certificate().height());
    }
  }

  /**
   * Builds the requested proposal once there is something to propose (or the empty-block
   * interval has passed), re-checking on the consensus thread so events keep flowing meanwhile.
   */
  private void propose(long height, int view) {
    long now = clock.getAsLong();
    long sinceCommit = now - lastCommitAt;
    boolean hasTxs = chain.pool().size() > 0;
    boolean ready = chain.latestNumber() + 1 == height
        && ((hasTxs && sinceCommit >= blockIntervalMs) || sinceCommit >= emptyBlockIntervalMs);
    // Gossip that had arrived when the block was due but is not admitted yet holds transactions
    // the validator they came from already ran for this height. Proposing without them makes a
    // short block, after which every validator that ran them runs them again (AIN writes the
    // block number into state): under load a proposer whose admission trailed by a block
    // proposed 1-16 transactions while the others held thousands. So wait for those batches
    // (not for later ones, which would never end under load), for a bounded time.
    if (ready && (gossipMark == null || gossipMark.height() != height || gossipMark.view() != view)) {
      gossipMark = new GossipMark(height, view, gossip == null ? 0 : gossip.batchesReceived());
    }
    long gossipDeadline = blockIntervalMs + gossipWaitMs;
    boolean gossipPending = ready && hasTxs && sinceCommit < gossipDeadline
        && gossip != null && gossip.batchesDone() < gossipMark.batches();
    if (proposeCheck != null) {
      proposeCheck.cancel(false);
      proposeCheck = null;
    }
    if (!ready || gossipPending) {
      if (machine.height() == height && machine.view() == view && !closed) {
        // Wake at the moment the block interval ends when transactions wait; otherwise at the
        // empty-block deadline, or earlier when the first transaction arrives (poke). Waiting
        // for gossip, wake at its deadline, or earlier when a batch is done (poke).
        long delay = gossipPending ? gossipDeadline - sinceCommit
            : hasTxs ? blockIntervalMs - sinceCommit : Math.min(emptyBlockIntervalMs - sinceCommit, 50);
        // Only a first transaction or a finished batch can make the block ready sooner: while
        // transactions already wait for the interval to end, admissions do not wake this thread
        // (under load they did, once per transaction).
        waiting = !hasTxs || gossipPending ? new long[] {height, view} : null;
        proposeCheck = thread.schedule(() -> propose(height, view), Math.max(1, delay), TimeUnit.MILLISECONDS);
      }
      return;
    }
    waiting = null;
    if (machine.height() != height || machine.view() != view) {
      return; // the round moved on while we waited
    }
    long t = System.nanoTime();
    Chain.Proposal p = chain.propose(now, meta.proposer(), meta.validators(), JsonNodeFactory.instance.arrayNode());
    byte[] payload = p.block().jsonBytes();
    if (LOG.isDebugEnabled()) {
      LOG.debug("proposing block {} ({} txs, {} bytes) built in {} ms", height, p.block().transactions().size(),
          payload.length, (System.nanoTime() - t) / 1_000_000.0);
    }
    Event.ProposalReady proposal = new Event.ProposalReady(height, view,
        new io.ainj.consensus.types.Block(height, Hash.fromHex(p.block().hash()), payload));
    thread.execute(() -> handle(proposal));
    // After the proposal has left: the pending state moves on top of it.
    thread.execute(chain::advancePending);
  }



  private boolean validate(io.ainj.consensus.types.Block block) {
    Optional<Block> known = chain.candidateBlock(block.hash().toHex());
    if (known.isPresent() && known.get().number() == block.height()) {
      return true; // built here, or validated already (the hash covers the payload)
    }
    try {
      Block ledgerBlock = decode(block);
      if (!ledgerBlock.hash().equals(block.hash().toHex()) || ledgerBlock.number() != block.height()) {
        return false;
      }
      if (chain.candidateState(ledgerBlock.hash()).isPresent()) {
        return true; // built here, or validated already
      }
      String why = blockCheck.check(ledgerBlock);
      if (why == null) {
        why = chain.validate(ledgerBlock);
      }
      if (why != null) {
        LOG.warn("rejecting proposal {} at height {}: {}", block.hash(), block.height(), why);
      }
      return why == null;
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("rejecting undecodable proposal at height {}: {}", block.height(), e.toString());
      return false;
    }
  }

  private void commit(io.ainj.consensus.types.Block block, CommitCertificate certificate) {
    Block known = chain.candidateBlock(block.hash().toHex()).orElse(null);
    Block ledgerBlock;
    try {
      ledgerBlock = known != null ? known : decode(block);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a committed block does not decode", e);
    }
    if (ledgerBlock.number() <= chain.latestNumber()) {
      // Block sync applied it first; the store must hold the very same block.
      String have = chain.store().byNumber(ledgerBlock.number()).map(Block::hash).orElse("");
      if (!have.equals(ledgerBlock.hash())) {
        throw new IllegalStateException("decided block " + ledgerBlock.hash() + " conflicts with stored " + have);
      }
      return;
    }
    StateVersion state = chain.candidateState(ledgerBlock.hash()).orElseGet(() -> {
      String why = chain.validate(ledgerBlock);
      if (why != null) {
        // 2f+1 validators committed it, so our execution disagrees with the network's.
        throw new IllegalStateException("committed block " + ledgerBlock.hash() + " does not execute here: " + why);
      }
      return chain.candidateState(ledgerBlock.hash()).orElseThrow();
    });
    long t = System.nanoTime();
    chain.commit(ledgerBlock, state, CertificateJson.encode(certificate));
    decoded.values().removeIf(b -> b.number() <= ledgerBlock.number());
    lastCommitAt = clock.getAsLong();
    if (LOG.isDebugEnabled()) {
      LOG.debug("committed block {} ({} txs) {} in {} ms; pool {}", ledgerBlock.number(), ledgerBlock.transactions().size(),
          ledgerBlock.hash(), (System.nanoTime() - t) / 1_000_000.0, chain.pool().size());
    }
    Event.Committed committed = new Event.Committed(block.height(), block.hash(), certificate, validators);
    thread.execute(() -> handle(committed));
  }

  private ScheduledFuture<?> proposeCheck; // consensus thread only
  // How long past the block interval a proposal may wait for gossip being admitted.
  private final long gossipWaitMs;
  static final long MIN_GOSSIP_WAIT_MS = 50;
  /** The gossip batches received when the proposal of (height, view) was first due. */
  private record GossipMark(long height, int view, long batches) {}

  private GossipMark gossipMark; // consensus thread only
  private volatile Gossip gossip; // null: no peers' gossip to wait for

  /** Makes a proposer wait for {@code gossip} as propose describes; call before start. */
  public void followGossip(Gossip gossip) {
    this.gossip = gossip;
    gossip.onBatchDone(this::poke);
  }
  private volatile long[] waiting; // {height, view} of a proposal waiting for transactions
  private final java.util.concurrent.atomic.AtomicBoolean pokeQueued = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Tells a proposer waiting for transactions that one arrived, or for gossip that a batch is
   * done, so the block does not wait for the next check (cheap and safe from any thread).
   */
  public void poke() {
    long[] w = waiting;
    if (w == null || closed || !pokeQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(() -> {
        pokeQueued.set(false);
        long[] now = waiting;
        if (now != null) {
          propose(now[0], (int) now[1]);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pokeQueued.set(false);
    }
  }

  /** A short status for {@code net_consensusStatus} and {@code /status}. */
  public JsonNode status() {
    Published p = published;
    return JsonNodeFactory.instance.objectNode()
        .put("protocol", "pbft")
        .put("height", p == null ? 0 : p.height())
        .put("view", p == null ? 0 : p.view())
        .put("in_view_change", p != null && p.inViewChange())
        .put("primary", p == null ? null : io.ainj.crypto.Address.toChecksum(p.primary().toHex()))
        .put("validators", validators.size())
        .put("dropped_network_events", droppedNetworkEvents.get())
        .put("view_changes", p == null ? 0 : p.stats().viewChanges())
        .put("running", !closed);
  }

  public boolean isRunning() {
    return !closed;
  }

  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
