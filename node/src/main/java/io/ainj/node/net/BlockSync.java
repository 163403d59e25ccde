package io.ainj.node.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.SignatureVerifier;
import io.ainj.consensus.types.ValidatorSet;
import io.ainj.crypto.AinJson;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.chain.Chain;
import io.ainj.node.consensus.CertificateJson;
import io.ainj.node.consensus.ConsensusDriver;
import io.ainj.p2p.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up for a lagging or restarted node. Every node gossips its tip height; when peers are
 * ahead (or the state machine asks with RequestSync), this asks one peer that has them for the
 * next blocks with their commit certificates, checks each certificate against the validator set
 * (2f+1 valid signatures of distinct validators) off the consensus thread, and hands the blocks to
 * the consensus thread, which re-executes each to its state root before committing it. A peer
 * that sends a block with a bad certificate is penalized and another peer is asked.
 */
public final class BlockSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockSync.class);
  static final int MAX_BLOCKS_PER_RESPONSE = 64;
  static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
  private static final long STATUS_INTERVAL_MS = 300;
  private static final long TICK_MS = 100;
  private static final long REQUEST_TIMEOUT_MS = 5_000;
  /** How long one missing block is left to consensus before sync fetches it. */
  private static final long STALL_MS = 1_000;

  private final Transport transport;
  private final Chain chain;
  private final ValidatorSet validators;
  private final SignatureVerifier verifier;
  private final MessageCodec codec;
  private final Map<String, Long> peerHeights = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread;
  private volatile ConsensusDriver driver;
  private volatile long requestedTarget = -1;
  private String inFlightPeer;
  private long inFlightDeadline;
  private long lastLocal = -1;
  private long lastLocalChangeAt = System.currentTimeMillis();
  private long progressFrom = -1;
  private long progressSince;
  private long lastProgressLog;
  private volatile boolean syncing;
  private SnapshotSync snapshots;
  private long snapshotThreshold = Long.MAX_VALUE;

  public BlockSync(Transport transport, Chain chain, ValidatorSet validators, SignatureVerifier verifier,
      MessageCodec codec) {
    this.transport = transport;
    this.chain = chain;
    this.validators = validators;
    this.verifier = verifier;
    this.codec = codec;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "block-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Lets this node serve state snapshots at every {@code interval}-th block and, when more than
   * {@code threshold} blocks behind, fetch one instead of every block (see {@link SnapshotSync}).
   * Call before {@link #start}.
   */
  public void enableSnapshots(io.ainj.statedb.StateDb stateDb, long interval, long threshold) {
    stateDb.keepCheckpointsEvery(interval);
    this.snapshots = new SnapshotSync(transport, chain, stateDb, validators, verifier, codec, interval);
    this.snapshotThreshold = threshold;
  }

  public void onSnapshotRequest(String peer, byte[] payload) {
    SnapshotSync s = snapshots;
    if (s == null) {
      return;
    }
    execute(() -> s.serve(peer, payload));
  }

  public void onSnapshotResponse(String peer, byte[] payload) {
    SnapshotSync s = snapshots;
    if (s == null) {
      return;
    }
    execute(() -> s.receive(peer, payload, driver));
  }

  public void start(ConsensusDriver driver) {
    this.driver = driver;
    thread.scheduleWithFixedDelay(this::safeTick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(this::sendStatus, 0, STATUS_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  private void sendStatus() {
    transport.broadcast(Channels.STATUS, ByteBuffer.allocate(16).putLong(chain.latestNumber())
        .putLong(System.nanoTime()).array()); // the nonce keeps equal heights from being de-duplicated
  }

  public void onStatus(String peer, byte[] payload) {
    if (payload.length != 16) {
      transport.penalize(peer, 20, "malformed status");
      return;
    }
    peerHeights.put(peer, ByteBuffer.wrap(payload).getLong());
  }

  public void onPeerDisconnected(String peer) {
    peerHeights.remove(peer);
  }

  /** The state machine saw f+1 validators ahead. */
  public void request(long targetHeight) {
    requestedTarget = Math.max(requestedTarget, targetHeight);
    execute(this::safeTick);
  }

  /** Whether this node is behind its peers and fetching blocks ({@code net_syncing}). */
  public boolean isSyncing() {
    return syncing;
  }

  public long targetHeight() {
    return Math.max(requestedTarget, peerHeights.values().stream().mapToLong(Long::longValue).max().orElse(-1));
  }

  private void execute(Runnable r) {
    try {
      thread.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("block sync tick failed", e);
    }
  }

  private void tick() {
    long now = System.currentTimeMillis();
    long local = chain.latestNumber();
    if (local != lastLocal) {
      lastLocal = local;
      lastLocalChangeAt = now;
    }
    long target = targetHeight();
    boolean behind = target > local + 1 || (target > local && now - lastLocalChangeAt > STALL_MS);
    syncing = behind && target > local;
    logProgress(now, local, target);
    if (snapshots != null && (snapshots.active(now)
        || (target - local > snapshotThreshold && snapshots.mayStart(now)))) {
      if (!snapshots.active(now)) {
        String best = null;
        long bestHeight = local;
        for (Map.Entry<String, Long> e : peerHeights.entrySet()) {
          if (e.getValue() > bestHeight) {
            best = e.getKey();
            bestHeight = e.getValue();
          }
        }
        if (best != null) {
          snapshots.start(best, now);
        }
      }
      return; // blocks resume from the snapshot's height
    }
    if (!behind || (inFlightPeer != null && now < inFlightDeadline)) {
      return;
    }
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, Long> e : peerHeights.entrySet()) {
      if (e.getValue() > local) {
        candidates.add(e.getKey());
      }
    }
    if (candidates.isEmpty()) {
      candidates.addAll(transport.peers()); // only the state machine's hint: try anyone
    }
    if (candidates.isEmpty()) {
      return;
    }
    String peer = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    ObjectNode req = JsonNodeFactory.instance.objectNode().put("from", local + 1).put("max", MAX_BLOCKS_PER_RESPONSE);
    if (transport.send(peer, Channels.SYNC_REQUEST, AinJson.writeJs(req))) {
      inFlightPeer = peer;
      inFlightDeadline = now + REQUEST_TIMEOUT_MS;
    }
  }

  private void logProgress(long now, long local, long target) {
    if (!syncing) {
      progressFrom = -1;
      return;
    }
    if (progressFrom < 0) {
      progressFrom = local;
      progressSince = now;
      lastProgressLog = now;
      LOG.info("block sync: at height {}, peers at {} ({} peers)", local, target, transport.peers().size());
      return;
    }
    if (now - lastProgressLog >= 5_000) {
      double rate = (local - progressFrom) * 1000.0 / Math.max(1, now - progressSince);
      LOG.info("block sync: height {}, target {}, {} blocks/s, {} peers", local, target,
          String.format(java.util.Locale.ROOT, "%.1f", rate), transport.peers().size());
      lastProgressLog = now;
    }
  }

  /** A peer asks for blocks (transport thread): answered from the store on the sync thread. */
  public void onRequest(String peer, byte[] payload) {
    execute(() -> serve(peer, payload));
  }

  private void serve(String peer, byte[] payload) {
    long from;
    int max;
    try {
      JsonNode req = AinJson.mapper().readTree(payload);
      from = req.path("from").asLong(-1);
      max = Math.min(MAX_BLOCKS_PER_RESPONSE, req.path("max").asInt(MAX_BLOCKS_PER_RESPONSE));
    } catch (java.io.IOException | RuntimeException e) {
      transport.penalize(peer, 20, "undecodable sync request");
      return;
    }
    if (from < 1 || max < 1) {
      transport.penalize(peer, 20, "invalid sync request");
      return;
    }
    ObjectNode resp = JsonNodeFactory.instance.objectNode();
    resp.put("latest", chain.latestNumber());
    ArrayNode blocks = resp.putArray("blocks");
    long bytes = 0;
    for (long n = from; n < from + max && n <= chain.latestNumber(); n++) {
      Block b = chain.store().byNumber(n).orElse(null);
      JsonNode cert = chain.store().certificate(n).orElse(null);
      if (b == null || cert == null) {
        break;
      }
      ObjectNode entry = blocks.addObject();
      entry.set("block", b.toJson());
      entry.set("certificate", cert);
      bytes += b.size();
      if (bytes > MAX_RESPONSE_BYTES) {
        break;
      }
    }
    transport.send(peer, Channels.SYNC_RESPONSE, AinJson.writeJs(resp));
  }

  /** Blocks from a peer (transport thread): certificates are checked on the sync thread. */
  public void onResponse(String peer, byte[] payload) {
    execute(() -> receive(peer, payload));
  }

  private void receive(String peer, byte[] payload) {
    if (!peer.equals(inFlightPeer)) {
      return; // late or unsolicited
    }
    List<ConsensusDriver.SyncedBlock> verified;
    try {
      JsonNode resp = AinJson.mapper().readTree(payload);
      peerHeights.merge(peer, resp.path("latest").asLong(-1), Math::max);
      Checked checked = check(resp, validators, verifier, codec);
      verified = checked.blocks();
      if (checked.error() != null) {
        transport.penalize(peer, 50, checked.error());
      }
    } catch (java.io.IOException | RuntimeException e) {
      transport.penalize(peer, 50, "undecodable sync response: " + e.getMessage());
      verified = List.of();
    }
    if (verified.isEmpty()) {
      inFlightPeer = null;
      return;
    }
    driver.applySynced(verified, applied -> execute(() -> {
      inFlightPeer = null;
      if (applied < 0) {
        transport.penalize(peer, 50, "sent a certified block that does not execute here");
      } else if (applied > 0) {
        tick();
      }
    }));
  }

  /** The leading blocks of a response whose certificates hold, and why the rest was refused. */
  public record Checked(List<ConsensusDriver.SyncedBlock> blocks, String error) {}

  /**
   * Checks a sync response: every block's five hashes recompute, and its commit certificate is
   * for that height and hash and carries 2f+1 valid signatures of distinct validators. Blocks up
   * to the first failure are kept; linkage and execution are checked when they are applied.
   */
  public static Checked check(JsonNode resp, ValidatorSet validators, SignatureVerifier verifier, MessageCodec codec) {
    List<ConsensusDriver.SyncedBlock> out = new ArrayList<>();
    for (JsonNode entry : resp.path("blocks")) {
      Block b;
      CommitCertificate c;
      try {
        b = Block.fromJson(entry.path("block"));
        c = CertificateJson.decode(entry.path("certificate"));
      } catch (RuntimeException e) {
        return new Checked(out, "undecodable block or certificate: " + e.getMessage());
      }
      if (c.height() != b.number() || !c.blockHash().equals(Hash.fromHex(b.hash()))) {
        return new Checked(out, "block " + b.number() + " with the certificate of another block");
      }
      if (!c.verify(validators, verifier, codec)) {
        return new Checked(out, "block " + b.number() + " without a quorum of valid commit signatures");
      }
      out.add(new ConsensusDriver.SyncedBlock(b, c));
    }
    return new Checked(out, null);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
