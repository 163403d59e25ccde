package io.ainj.node.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ainj.crypto.AinSignature;
import io.ainj.crypto.AinJson;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.pool.PooledTx;
import io.ainj.ledger.tx.Transaction;
import io.ainj.ledger.tx.TxVerifier;
import io.ainj.p2p.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every transaction a client hands to this validator goes to every other validator, so whoever
 * is primary has it in its pool (protocol spec §2 step 3). Outgoing transactions are batched for
 * a couple of milliseconds; incoming batches are verified (one signature recovery per new
 * transaction, skipped for hashes already known) and admitted in the order the sender admitted
 * them, so one account's nonces stay in order.
 */
public final class TxGossip implements AutoCloseable, io.ainj.node.consensus.ConsensusDriver.Gossip {
  private static final Logger LOG = LoggerFactory.getLogger(TxGossip.class);
  static final int MAX_BATCH = 500;
  /** How long outgoing transactions are collected into one batch. */
  static final long BATCH_WINDOW_NANOS = 2_000_000;
  /** Peers' batches waiting for admission at most; later ones are dropped (counted). */
  static final int MAX_QUEUED_BATCHES = 2_000;

  private final Transport transport;
  private final Chain chain;
  private final TxVerifier verifier;
  private final BlockingQueue<Transaction> outgoing = new ArrayBlockingQueue<>(100_000);
  private final TxAdmission admission;
  private final boolean ownsAdmission;
  private final Thread flusher;
  private final AtomicLong dropped = new AtomicLong();
  // Batches received from peers, and of those the ones admitted or dropped. The ingest thread
  // takes them in order, so every batch up to the second count is done, except that a batch
  // refused by a full queue counts at once (under a flood the count runs a little ahead).
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private volatile Runnable onBatchDone;
  private volatile boolean closed;
  // The thread while it admits a peer's batch, whose transactions are not sent on.
  private volatile Thread admittingBatch;

  /** Gossip with its own admission thread. */
  public TxGossip(Transport transport, Chain chain, TxVerifier verifier) {
    this(transport, chain, verifier, new TxAdmission(), true);
  }

  /** Gossip that admits peers' batches on {@code admission}, shared with clients' sends. */
  public TxGossip(Transport transport, Chain chain, TxVerifier verifier, TxAdmission admission) {
    this(transport, chain, verifier, admission, false);
  }

  private TxGossip(Transport transport, Chain chain, TxVerifier verifier, TxAdmission admission, boolean owns) {
    this.transport = transport;
    this.chain = chain;
    this.verifier = verifier;
    // One thread admits batches in arrival order (nonces); its queue is bounded against floods.
    this.admission = admission;
    this.ownsAdmission = owns;
    chain.onAdmitted(this::onAdmitted);
    this.flusher = new Thread(this::flushLoop, "tx-gossip");
    this.flusher.setDaemon(true);
    this.flusher.start();
  }

  /**
   * Queues a transaction this node admitted from a client for its peers, in admission order (the
   * chain calls this under its lock), so peers admit and execute the pool in the same order and
   * can validate the blocks of the one that proposes from it without running them again.
   * Transactions admitted from gossip are not sent on.
   */
  private void onAdmitted(PooledTx p) {
    if (Thread.currentThread() == admittingBatch) {
      return;
    }
    if (!outgoing.offer(p.tx())) {
      dropped.incrementAndGet();
    }
  }

  private void flushLoop() {
    List<Transaction> batch = new ArrayList<>(MAX_BATCH);
    while (!closed) {
      try {
        Transaction first = outgoing.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        // Collect for the window asleep, then take what came: waiting on the queue instead
        // woke this thread for every transaction admitted meanwhile.
        long until = System.nanoTime() + BATCH_WINDOW_NANOS;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
          TimeUnit.NANOSECONDS.sleep(left);
        }
        outgoing.drainTo(batch, MAX_BATCH - batch.size());
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Transaction t : batch) {
          a.addObject().set("tx_body", t.body());
          ((com.fasterxml.jackson.databind.node.ObjectNode) a.get(a.size() - 1)).put("signature", t.signature());
        }
        transport.broadcast(Channels.TRANSACTIONS, AinJson.writeJs(a));
        batch.clear();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("transaction gossip failed", e);
        batch.clear();
      }
    }
  }

  /** A batch from a peer (transport thread): queued for the ingest thread. */
  public void onBatch(String peer, byte[] payload) {
    // The admission queue is shared with clients' sends; peers' batches (up to 500 transactions
    // each) may hold only part of it.
    if (received.incrementAndGet() - done.get() > MAX_QUEUED_BATCHES) {
      dropped.incrementAndGet();
      batchDone();
      return;
    }
    try {
      admission.execute(() -> {
        admittingBatch = Thread.currentThread();
        try {
          admit(peer, payload);
        } finally {
          admittingBatch = null;
          batchDone();
        }
      });
    } catch (RejectedExecutionException e) { // a flood, or closing
      dropped.incrementAndGet();
      batchDone();
    }
  }

  private void batchDone() {
    done.incrementAndGet();
    Runnable l = onBatchDone;
    if (l != null) {
      l.run();
    }
  }

  /** Called (from any thread) each time a batch is admitted or dropped. */
  @Override
  public void onBatchDone(Runnable listener) {
    onBatchDone = listener;
  }

  /**
   * Gossip batches received so far. A proposer whose admission trails the validator its
   * transactions come from waits until the batches received by the time its block is due are
   * admitted (see ConsensusDriver#propose).
   */
  @Override
  public long batchesReceived() {
    return received.get();
  }

  /** Gossip batches admitted (or dropped) so far, in arrival order but for refused ones. */
  @Override
  public long batchesDone() {
    return done.get();
  }

  private void admit(String peer, byte[] payload) {
    JsonNode list;
    try {
      list = AinJson.mapper().readTree(payload);
    } catch (java.io.IOException | RuntimeException e) {
      transport.penalize(peer, 20, "undecodable transaction batch");
      return;
    }
    if (!list.isArray() || list.size() > MAX_BATCH) {
      transport.penalize(peer, 20, "malformed transaction batch");
      return;
    }
    for (JsonNode item : list) {
      JsonNode body = item.get("tx_body");
      String claimed = signedHash(item.get("signature"));
      if (claimed != null && (chain.pool().contains(claimed) || chain.tracker().contains(claimed))) {
        // Already here, or a forged body under a signature of a transaction that is: either way
        // nothing to admit, and no body hash or signature recovery is spent on it.
        continue;
      }
      if (chain.catchingUp()) {
        // The pending state is catching up and would refuse it: no signature recovery spent on
        // it. It reaches this node in a block, which is checked on its own.
        continue;
      }
      TxVerifier.Outcome o = verifier.verify(body, item.get("signature"));
      if (o instanceof TxVerifier.Verified v) {
        chain.submit(v.tx(), false);
      } else {
        transport.penalize(peer, 5, "gossiped an invalid transaction");
      }
    }
  }

  /**
   * The transaction hash a signature says it signs (an AIN signature starts with it), or null
   * when it does not decode. Only a hint for de-duplication: verification checks it against the
   * body.
   */
  static String signedHash(JsonNode signature) {
    if (signature == null || !signature.isTextual()) {
      return null;
    }
    try {
      return AinSignature.decode(signature.textValue()).hashHex();
    } catch (RuntimeException e) {
      return null;
    }
  }

  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    closed = true;
    flusher.interrupt();
    if (ownsAdmission) {
      admission.close();
    }
  }
}
