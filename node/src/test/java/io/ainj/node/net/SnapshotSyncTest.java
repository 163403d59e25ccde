package io.ainj.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.consensus.crypto.AinSignatureVerifier;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.types.ValidatorSet;
import io.ainj.crypto.AinJson;
import io.ainj.ledger.block.Block;
import io.ainj.ledger.chain.Chain;
import io.ainj.ledger.exec.VmTxExecutor;
import io.ainj.ledger.pool.TxPool;
import io.ainj.ledger.pool.TxPoolConfig;
import io.ainj.ledger.pool.TxTracker;
import io.ainj.node.consensus.CertificateJson;
import io.ainj.p2p.Transport;
import io.ainj.p2p.TransportStats;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.snapshot.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A peer serving a state snapshot cannot make this node take a state its certified block does
 * not commit to: a forged piece, a block without a quorum certificate, or a response out of
 * sequence is refused and the peer penalized; nothing is installed.
 */
class SnapshotSyncTest {
  private final TestQuorum quorum = new TestQuorum();
  private final ValidatorSet validators = quorum.validators;
  private final AinSignatureVerifier verifier = quorum.verifier;
  private static final MessageCodec CODEC = TestQuorum.CODEC;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String PEER = "0xPeer";

  private final RecordingTransport transport = new RecordingTransport();

  /** The state a peer serves: many small subtrees, so the snapshot has several pieces. */
  private static StateVersion servedState() {
    MutableState s = StateDb.inMemory().edit("S");
    s.writeRaw(StateRoot.RULES, "/", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
    for (int i = 0; i < 300; i++) {
      s.set(StateRoot.VALUES, "/apps/p/k" + i, Json.of("value " + i));
    }
    return s.snapshot();
  }

  private Block block(long number, String stateRoot) {
    return Block.assemble("0x" + "11".repeat(32), JSON.arrayNode(), JSON.objectNode(), JSON.arrayNode(),
        JSON.arrayNode(), number, 1, 1_700_000_000_000L + number, stateRoot,
        "0x00ADEc28B6a845a085e03591bE7550dd68673C1C", JSON.objectNode(), 0, 0);
  }

  private static ObjectNode response(long height, List<List<String>> plan, int from, int count,
      StateVersion state, Block block, CommitCertificate cert, int forge) {
    ObjectNode resp = JSON.objectNode().put("height", height).put("total", plan.size()).put("from", from);
    if (from == 0) {
      resp.set("block", block.toJson());
      resp.set("certificate", CertificateJson.encode(cert));
    }
    ArrayNode pieces = resp.putArray("pieces");
    for (int i = from; i < Math.min(plan.size(), from + count); i++) {
      StateSnapshot.Piece p = StateSnapshot.piece(state, plan.get(i));
      ObjectNode e = pieces.addObject();
      p.fullPath().forEach(e.putArray("path")::add);
      e.put("value", i == forge ? "\"forged\"" : JsonCodec.stringify(p.subtree()));
    }
    return resp;
  }

  private SnapshotSync newSync(StateDb db) {
    Chain chain = new Chain(db, new TxPool(TxPoolConfig.ainDefaults()), new TxTracker(86_400_000L),
        VmTxExecutor.forGenesis(JSON.objectNode(), null), System::currentTimeMillis,
        new Chain.Config(1000, 86_400_000L, 1_000_000, 1000));
    chain.initGenesis(List.of(), "0xOwner", JSON.objectNode());
    return new SnapshotSync(transport, chain, db, validators, verifier, CODEC, 10);
  }

  /** Feeds the whole snapshot in responses of 40 pieces, the driver never needed unless it verifies. */
  private void feed(SnapshotSync sync, StateVersion state, Block block, CommitCertificate cert, int forge) {
    List<List<String>> plan = StateSnapshot.plan(state, 64);
    assertTrue(plan.size() > 40, "several responses: " + plan.size());
    sync.start(PEER, System.currentTimeMillis());
    for (int from = 0; from < plan.size() && sync.active(System.currentTimeMillis()); from += 40) {
      sync.receive(PEER, AinJson.writeJs(response(block.number(), plan, from, 40, state, block, cert, forge)), null);
    }
  }

  @Test
  void aForgedPieceIsRefusedAgainstTheCertifiedRoot() {
    StateVersion state = servedState();
    Block b = block(20, state.rootProofHash());
    try (StateDb db = StateDb.inMemory()) {
      SnapshotSync sync = newSync(db);
      feed(sync, state, b, quorum.certificate(20, b.hash(), 3), 57);
      assertFalse(sync.active(System.currentTimeMillis()));
      assertTrue(transport.penalties.stream().anyMatch(p -> p.contains("does not match its certified block")),
          transport.penalties.toString());
      assertEquals(0, db.finalizedHeight(), "nothing installed");
      assertFalse(sync.mayStart(System.currentTimeMillis()), "block sync gets its turn first");
    }
  }

  @Test
  void aBlockWithoutAQuorumIsRefusedBeforeAnyPieceIsUsed() {
    StateVersion state = servedState();
    Block b = block(20, state.rootProofHash());
    try (StateDb db = StateDb.inMemory()) {
      SnapshotSync sync = newSync(db);
      feed(sync, state, b, quorum.certificate(20, b.hash(), 2), -1);
      assertTrue(transport.penalties.stream().anyMatch(p -> p.contains("quorum")), transport.penalties.toString());
      assertEquals(0, db.finalizedHeight());
    }
  }

  @Test
  void responsesOutOfSequenceOrUndecodableAreRefused() {
    StateVersion state = servedState();
    Block b = block(20, state.rootProofHash());
    CommitCertificate cert = quorum.certificate(20, b.hash(), 3);
    List<List<String>> plan = StateSnapshot.plan(state, 64);
    try (StateDb db = StateDb.inMemory()) {
      SnapshotSync sync = newSync(db);
      sync.start(PEER, System.currentTimeMillis());
      sync.receive(PEER, AinJson.writeJs(response(20, plan, 40, 40, state, b, cert, -1)), null);
      assertTrue(transport.penalties.stream().anyMatch(p -> p.contains("out of sequence")), transport.penalties.toString());
      transport.penalties.clear();
      sync = newSync(StateDb.inMemory());
      sync.start(PEER, System.currentTimeMillis());
      sync.receive(PEER, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
      assertTrue(transport.penalties.stream().anyMatch(p -> p.contains("undecodable")), transport.penalties.toString());
      // Another peer's response is ignored, not penalized.
      transport.penalties.clear();
      sync.receive("0xOther", AinJson.writeJs(response(20, plan, 0, 40, state, b, cert, -1)), null);
      assertTrue(transport.penalties.isEmpty());
    }
  }

  /** Records what a sync sends and whom it penalizes. */
  static final class RecordingTransport implements Transport {
    final List<String> penalties = new ArrayList<>();
    final List<JsonNode> requests = new ArrayList<>();

    @Override
    public String address() {
      return "0xSelf";
    }

    @Override
    public void start(io.ainj.p2p.MessageHandler handler) {}

    @Override
    public void broadcast(int channel, byte[] payload) {}

    @Override
    public boolean send(String peer, int channel, byte[] payload) {
      try {
        requests.add(AinJson.mapper().readTree(payload));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      return true;
    }

    @Override
    public Set<String> peers() {
      return Set.of(PEER);
    }

    @Override
    public void penalize(String peer, int points, String reason) {
      penalties.add(peer + ": " + reason);
    }

    @Override
    public TransportStats stats() {
      return null;
    }

    @Override
    public void close() {}
  }
}
