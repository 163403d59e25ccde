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
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.snapshot.StateSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State snapshot sync for a node far behind: instead of fetching and re-executing every block,
 * it fetches the state at a peer's newest snapshot checkpoint (every
 * {@code snapshotIntervalBlocks}-th committed state is kept beyond the retention window while
 * it is one of the two newest), piece by piece, with that checkpoint's block and commit
 * certificate. The certificate must carry 2f+1 valid signatures for the block, and the rebuilt
 * state's root proof hash must equal the block's {@code state_proof_hash}; only then is the
 * block committed with the state (one atomic write) and consensus moved to the next height.
 * Block sync fetches the rest. A peer whose snapshot does not verify is penalized.
 *
 * <p>Runs on the block-sync thread: {@link BlockSync} calls in.
 */
final class SnapshotSync {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSync.class);
  /** AIN tree bytes per piece; a single larger leaf travels alone. */
  static final long PIECE_BYTES = 256 * 1024;
  /** A response stops adding pieces past this many bytes of JSON. */
  static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
  private static final long REQUEST_TIMEOUT_MS = 10_000;
  private static final int MAX_PATH_LABELS = 64;

  private final Transport transport;
  private final Chain chain;
  private final StateDb stateDb;
  private final ValidatorSet validators;
  private final SignatureVerifier verifier;
  private final MessageCodec codec;
  private final long interval;
  // Piece plans of the checkpoints served lately (a plan walks only nodes above the piece size).
  private final Map<Long, List<List<String>>> plans = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, List<List<String>>> e) {
      return size() > 2;
    }
  };

  /** The snapshot being fetched, if any. */
  private volatile Session session;
  // After a failed attempt, block sync gets this long before snapshots are tried again, so a
  // network without a usable checkpoint still catches up block by block.
  private static final long RETRY_AFTER_FAILURE_MS = 30_000;
  private volatile long lastFailureAt = Long.MIN_VALUE / 2;

  /** Whether a new snapshot attempt may start now (none failed lately). */
  boolean mayStart(long now) {
    return now - lastFailureAt >= RETRY_AFTER_FAILURE_MS;
  }

  private void failed() {
    session = null;
    lastFailureAt = System.currentTimeMillis();
  }

  private static final class Session {
    final String peer;
    long deadline;
    long height = -1;
    int total = -1;
    int next;
    Block block;
    CommitCertificate certificate;
    MutableState target;
    boolean installing;

    Session(String peer, long deadline) {
      this.peer = peer;
      this.deadline = deadline;
    }
  }

  SnapshotSync(Transport transport, Chain chain, StateDb stateDb, ValidatorSet validators,
      SignatureVerifier verifier, MessageCodec codec, long interval) {
    this.transport = transport;
    this.chain = chain;
    this.stateDb = stateDb;
    this.validators = validators;
    this.verifier = verifier;
    this.codec = codec;
    this.interval = interval;
  }

  boolean active(long now) {
    Session s = session;
    if (s != null && !s.installing && now > s.deadline) {
      LOG.warn("snapshot sync from {} timed out at piece {} of {}", s.peer, s.next, s.total);
      failed();
    }
    return session != null;
  }

  /** Starts fetching the newest checkpoint of {@code peer}. */
  void start(String peer, long now) {
    Session s = new Session(peer, now + REQUEST_TIMEOUT_MS);
    if (request(s, -1, 0)) {
      session = s;
      LOG.info("snapshot sync: at height {}, asking {} for its newest state checkpoint",
          chain.latestNumber(), peer);
    }
  }

  private boolean request(Session s, long height, int from) {
    ObjectNode req = JsonNodeFactory.instance.objectNode().put("height", height).put("from", from);
    s.deadline = System.currentTimeMillis() + REQUEST_TIMEOUT_MS;
    return transport.send(s.peer, Channels.SNAPSHOT_REQUEST, AinJson.writeJs(req));
  }

  // ------------------------------------------------------------------ serving

  void serve(String peer, byte[] payload) {
    long height;
    int from;
    try {
      JsonNode req = AinJson.mapper().readTree(payload);
      height = req.path("height").asLong(-1);
      from = req.path("from").asInt(-1);
    } catch (java.io.IOException | RuntimeException e) {
      transport.penalize(peer, 20, "undecodable snapshot request");
      return;
    }
    if (from < 0) {
      transport.penalize(peer, 20, "invalid snapshot request");
      return;
    }
    ObjectNode resp = JsonNodeFactory.instance.objectNode();
    if (height < 0) {
      height = newestCheckpoint();
    }
    StateVersion version = height > 0 ? stateDb.committedAt(height).orElse(null) : null;
    Block block = height > 0 ? chain.store().byNumber(height).orElse(null) : null;
    JsonNode cert = height > 0 ? chain.store().certificate(height).orElse(null) : null;
    if (version == null || block == null || cert == null) {
      resp.put("error", "no state snapshot at height " + height);
      transport.send(peer, Channels.SNAPSHOT_RESPONSE, AinJson.writeJs(resp));
      return;
    }
    long h = height;
    List<List<String>> plan = plans.computeIfAbsent(h, k -> StateSnapshot.plan(version, PIECE_BYTES));
    resp.put("height", h).put("total", plan.size()).put("from", from);
    if (from == 0) {
      resp.set("block", block.toJson());
      resp.set("certificate", cert);
    }
    ArrayNode pieces = resp.putArray("pieces");
    long bytes = 0;
    for (int i = from; i < plan.size() && bytes < MAX_RESPONSE_BYTES; i++) {
      StateSnapshot.Piece p = StateSnapshot.piece(version, plan.get(i));
      if (p == null) {
        break; // cannot happen for an immutable version; stop rather than send a gap
      }
      String value = JsonCodec.stringify(p.subtree());
      ObjectNode entry = pieces.addObject();
      ArrayNode path = entry.putArray("path");
      p.fullPath().forEach(path::add);
      entry.put("value", value);
      bytes += value.length() + 64;
    }
    transport.send(peer, Channels.SNAPSHOT_RESPONSE, AinJson.writeJs(resp));
  }

  private long newestCheckpoint() {
    long best = -1;
    for (long h : stateDb.committedHeights()) {
      if (h > 0 && h % interval == 0) {
        best = Math.max(best, h);
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ fetching

  void receive(String peer, byte[] payload, ConsensusDriver driver) {
    Session s = session;
    if (s == null || !s.peer.equals(peer) || s.installing) {
      return; // late or unsolicited
    }
    String why;
    try {
      why = accept(s, AinJson.mapper().readTree(payload));
    } catch (java.io.IOException | RuntimeException e) {
      why = "undecodable snapshot response: " + e.getMessage();
    }
    if (why != null) {
      if (!why.startsWith("no state snapshot")) {
        transport.penalize(peer, 50, why);
      }
      LOG.warn("snapshot sync from {} abandoned: {}", peer, why);
      failed();
      return;
    }
    if (s.next < s.total) {
      if (!request(s, s.height, s.next)) {
        failed();
      }
      return;
    }
    String root = s.target.rootProofHash();
    if (!root.equals(s.block.header().stateProofHash())) {
      transport.penalize(peer, 100, "state snapshot does not match its certified block");
      LOG.warn("snapshot of block {} from {} gives root {}, the certified block says {}",
          s.height, peer, root, s.block.header().stateProofHash());
      failed();
      return;
    }
    s.installing = true;
    LOG.info("snapshot sync: state of block {} verified ({} pieces), installing", s.height, s.total);
    driver.installSnapshot(s.block, s.certificate, s.target.snapshot(), ok -> {
      if (session == s) {
        session = null;
      }
      if (!ok) {
        lastFailureAt = System.currentTimeMillis();
      }
    });
  }

  /** Takes one response into the session; null when it is good, else why not. */
  private String accept(Session s, JsonNode resp) {
    if (resp.has("error")) {
      return resp.path("error").asText();
    }
    long height = resp.path("height").asLong(-1);
    int total = resp.path("total").asInt(-1);
    int from = resp.path("from").asInt(-1);
    if (from != s.next || total < 1 || (s.height >= 0 && (height != s.height || total != s.total))) {
      return "snapshot response out of sequence";
    }
    if (s.block == null) {
      Block b;
      CommitCertificate c;
      try {
        b = Block.fromJson(resp.path("block"));
        c = CertificateJson.decode(resp.path("certificate"));
      } catch (RuntimeException e) {
        return "undecodable snapshot block or certificate: " + e.getMessage();
      }
      if (b.number() != height || c.height() != height || !c.blockHash().equals(Hash.fromHex(b.hash()))) {
        return "snapshot block and certificate do not match height " + height;
      }
      if (!c.verify(validators, verifier, codec)) {
        return "snapshot block " + height + " without a quorum of valid commit signatures";
      }
      if (height <= chain.latestNumber()) {
        return "no state snapshot ahead of this node (peer offers " + height + ")";
      }
      s.height = height;
      s.total = total;
      s.block = b;
      s.certificate = c;
      s.target = StateSnapshot.newTarget(stateDb.config());
    }
    JsonNode pieces = resp.path("pieces");
    if (!pieces.isArray() || pieces.isEmpty() || s.next + pieces.size() > s.total) {
      return "snapshot response without pieces";
    }
    for (JsonNode p : pieces) {
      JsonNode path = p.path("path");
      if (!path.isArray() || path.isEmpty() || path.size() > MAX_PATH_LABELS) {
        return "snapshot piece with an invalid path";
      }
      List<String> labels = new ArrayList<>(path.size());
      for (JsonNode l : path) {
        if (!l.isTextual() || l.asText().isEmpty()) {
          return "snapshot piece with an invalid label";
        }
        labels.add(l.asText());
      }
      Json value;
      try {
        value = JsonCodec.parse(p.path("value").asText());
        StateSnapshot.apply(s.target, new StateSnapshot.Piece(labels, value));
      } catch (RuntimeException | StackOverflowError e) {
        return "snapshot piece does not apply: " + e;
      }
    }
    s.next += pieces.size();
    return null;
  }
}
