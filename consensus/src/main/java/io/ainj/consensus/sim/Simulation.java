package io.ainj.consensus.sim;

import io.ainj.consensus.core.ConsensusStateMachine;
import io.ainj.consensus.core.ConsensusStats;
import io.ainj.consensus.core.Effect;
import io.ainj.consensus.core.Event;
import io.ainj.consensus.core.SafetyState;
import io.ainj.consensus.core.SafetyStateCodec;
import io.ainj.consensus.core.TimerKey;
import io.ainj.consensus.messages.Checkpoint;
import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.DecodeResult;
import io.ainj.consensus.messages.Message;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.NewView;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.messages.Signed;
import io.ainj.consensus.messages.ViewChange;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.MessageSigner;
import io.ainj.consensus.types.ProposerSelector;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One deterministic run: n state machines, a virtual clock and a single event queue ordered by
 * (time, insertion number). Every random choice comes from one {@link SplittableRandom}, so a
 * seed replays exactly. Not thread-safe; create one per run.
 */
public final class Simulation {
  private final SimulationConfig cfg;
  private final SplittableRandom rnd;
  private final SimKeys keys;
  private final ValidatorSet validators;
  private final MessageCodec codec;
  private final SafetyStateCodec safetyCodec;
  private final Node[] nodes;
  private final Map<ValidatorId, Node> byId = new HashMap<>();
  private final PriorityQueue<Scheduled> queue =
      new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
          : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;
  private boolean chaos = true;
  private long stabilizedAt = -1;
  private long targetHeight = Long.MAX_VALUE;
  private int[] partition;
  private String failure;

  /** height -> hash first committed by an honest validator (agreement oracle). */
  private final Map<Long, Hash> decided = new HashMap<>();
  /** (author, kind, height, view) -> what an honest validator signed there. */
  private final Map<List<Long>, Object> signedSlots = new HashMap<>();

  private java.util.function.Consumer<String> trace;

  private long events;
  private long delivered;
  private long syncs;
  private long restarts;

  private static final class Node {
    final int index;
    final ValidatorId id;
    final Behaviour behaviour;
    final MessageSigner signer;
    ConsensusStateMachine sm;
    boolean up = true;
    int incarnation;
    final List<CommittedBlock> ledger = new ArrayList<>();
    Optional<SafetyState> persisted = Optional.empty();
    final Map<TimerKey, Long> timers = new HashMap<>();
    long timerToken;

    Node(int index, MessageSigner signer, Behaviour behaviour) {
      this.index = index;
      this.id = signer.id();
      this.signer = signer;
      this.behaviour = behaviour;
    }

    boolean honest() {
      return behaviour == null;
    }

    long tip() {
      return ledger.size();
    }

    Hash hashAt(long height) {
      return height == 0 ? SimBlocks.genesisHash() : ledger.get((int) height - 1).block().hash();
    }
  }

  private record CommittedBlock(Block block, CommitCertificate certificate) {}

  private record Scheduled(long time, long seq, int node, int incarnation, Object action) {}

  private record Deliver(Packet packet, byte[] bytes) {}

  private record Fire(TimerKey key, long token) {}

  private record Input(Event event) {}

  private record SyncReply(List<CommittedBlock> blocks) {}

  private record Crash() {}

  private record Restart() {}

  private record Partition(int[] groups) {}

  private record Heal() {}

  private record Stabilize() {}

  public Simulation(SimulationConfig cfg) {
    this.cfg = cfg;
    this.rnd = new SplittableRandom(cfg.seed());
    int n = cfg.validators();
    this.keys = cfg.realCrypto() ? SimKeys.real(n, cfg.consensus().chainId()) : SimKeys.fast(n);
    List<ValidatorId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(keys.id(i));
    }
    this.validators = ValidatorSet.of(ids);
    this.codec = MessageCodec.of(cfg.consensus());
    this.safetyCodec = new SafetyStateCodec(codec);
    this.partition = new int[n];
    this.nodes = new Node[n];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    // Byzantine indices drawn from the seed (Fisher-Yates on the index list).
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Integer t = order.get(i);
      order.set(i, order.get(j));
      order.set(j, t);
    }
    Behaviour[] roles = new Behaviour[n];
    for (int k = 0; k < cfg.faulty(); k++) {
      roles[order.get(k)] = cfg.behaviours().get(k);
    }
    for (int i = 0; i < n; i++) {
      nodes[i] = new Node(i, keys.signer(i), roles[i]);
      byId.put(nodes[i].id, nodes[i]);
    }
  }

  /**
   * Prints every event and effect of every node (for reading a failing seed; slow and verbose).
   */
  public Simulation trace(java.util.function.Consumer<String> sink) {
    this.trace = sink;
    return this;
  }

  /** Runs the scenario to its end and reports the first broken property, if any. */
  public SimulationResult run() {
    for (Node node : nodes) {
      if (node.behaviour != Behaviour.SILENT) {
        startMachine(node);
      }
    }
    scheduleChaos();
    schedule(cfg.chaosMillis(), -1, new Stabilize());
    long deadline = Long.MAX_VALUE;
    while (failure == null && !queue.isEmpty()) {
      Scheduled s = queue.poll();
      if (stabilizedAt >= 0) {
        deadline = stabilizedAt + cfg.livenessBoundMillis();
        if (s.time > deadline) {
          now = deadline;
          break;
        }
      }
      now = s.time;
      process(s);
      if (++events > cfg.maxEvents()) {
        fail("event budget of " + cfg.maxEvents() + " exhausted at " + now + " ms");
      }
      if (stabilizedAt >= 0 && allHonestReached(targetHeight)) {
        break;
      }
    }
    if (failure == null && stabilizedAt >= 0 && !allHonestReached(targetHeight)) {
      StringBuilder sb = new StringBuilder("liveness: by " + (now - stabilizedAt)
          + " ms after stabilisation not every honest validator reached height " + targetHeight
          + ":");
      for (Node node : nodes) {
        if (node.honest()) {
          sb.append(" v").append(node.index).append("=").append(node.tip());
          if (node.sm != null) {
            sb.append("(h").append(node.sm.height()).append(" view ").append(node.sm.view())
                .append(node.sm.inViewChange() ? " vc" : "").append(")");
          }
        }
      }
      fail(sb.toString());
    }
    return result();
  }

  // ================================================================== scenario

  private void scheduleChaos() {
    int n = cfg.validators();
    long chaosEnd = cfg.chaosMillis();
    for (int i = 0; i < cfg.partitions() && n > 1; i++) {
      long start = rnd.nextLong(Math.max(1, chaosEnd));
      long length = 500 + rnd.nextLong(5_000);
      int[] groups = new int[n];
      int ones = 0;
      for (int k = 0; k < n; k++) {
        groups[k] = rnd.nextInt(2);
        ones += groups[k];
      }
      if (ones == 0 || ones == n) {
        groups[rnd.nextInt(n)] ^= 1;
      }
      schedule(start, -1, new Partition(groups));
      schedule(Math.min(start + length, chaosEnd), -1, new Heal());
    }
    List<Node> honest = new ArrayList<>();
    for (Node node : nodes) {
      if (node.honest()) {
        honest.add(node);
      }
    }
    for (int i = 0; i < cfg.crashes() && !honest.isEmpty(); i++) {
      Node victim = honest.get(rnd.nextInt(honest.size()));
      long at = rnd.nextLong(Math.max(1, chaosEnd));
      schedule(at, victim.index, new Crash());
    }
  }

  private void process(Scheduled s) {
    Object a = s.action;
    if (a instanceof Stabilize) {
      stabilize();
      return;
    }
    if (a instanceof Partition p) {
      partition = p.groups();
      if (trace != null) {
        trace.accept(now + " partition " + Arrays.toString(partition));
      }
      return;
    }
    if (a instanceof Heal) {
      partition = new int[cfg.validators()];
      return;
    }
    Node node = nodes[s.node];
    if (a instanceof Crash) {
      if (node.up) {
        crash(node);
        long down = 200 + rnd.nextLong(4_000);
        schedule(Math.min(now + down, cfg.chaosMillis()), node.index, new Restart());
      }
      return;
    }
    if (a instanceof Restart) {
      if (!node.up) {
        restart(node);
      }
      return;
    }
    if (!node.up || node.sm == null) {
      return;
    }
    if (a instanceof Deliver d) {
      Packet packet = d.packet();
      if (d.bytes() != null) {
        DecodeResult<Packet> r = codec.decode(d.bytes());
        if (!r.isOk()) {
          fail("codec: a packet did not decode: " + ((DecodeResult.Err<Packet>) r).reason());
          return;
        }
        if (!r.value().equals(packet)) {
          fail("codec: a packet decoded to something else: " + packet.message().message());
          return;
        }
        packet = r.value();
      }
      delivered++;
      dispatch(node, new Event.MessageReceived(packet));
      return;
    }
    if (s.incarnation != node.incarnation) {
      return;
    }
    if (a instanceof Fire f) {
      Long token = node.timers.get(f.key());
      if (token != null && token == f.token()) {
        node.timers.remove(f.key());
        dispatch(node, new Event.TimerFired(f.key()));
      }
    } else if (a instanceof Input in) {
      dispatch(node, in.event());
    } else if (a instanceof SyncReply r) {
      applySync(node, r.blocks());
    }
  }

  private void stabilize() {
    chaos = false;
    stabilizedAt = now;
    partition = new int[cfg.validators()];
    for (Node node : nodes) {
      if (!node.up) {
        restart(node);
      }
    }
    long max = 0;
    for (Node node : nodes) {
      if (node.honest()) {
        max = Math.max(max, node.tip());
      }
    }
    targetHeight = max + cfg.heightsAfterStabilization();
  }

  private void startMachine(Node node) {
    node.sm = new ConsensusStateMachine(cfg.consensus(), node.signer, keys.verifier(),
        ProposerSelector.ROUND_ROBIN);
    Optional<CommitCertificate> cert = node.tip() == 0 ? Optional.empty()
        : Optional.of(node.ledger.get((int) node.tip() - 1).certificate());
    dispatch(node, new Event.Start(node.tip(), node.hashAt(node.tip()), cert, validators,
        node.persisted));
  }

  private void crash(Node node) {
    if (trace != null) {
      trace.accept(now + " v" + node.index + " CRASH");
    }
    absorbStats(node);
    node.up = false;
    node.sm = null;
    node.incarnation++;
    node.timers.clear();
  }

  private void restart(Node node) {
    node.up = true;
    restarts++;
    if (node.behaviour != Behaviour.SILENT) {
      startMachine(node);
    }
  }

  private long honestViewChanges;
  private long honestDropped;

  private void absorbStats(Node node) {
    if (node.sm != null && node.honest()) {
      ConsensusStats st = node.sm.stats();
      honestViewChanges += st.viewChanges();
      honestDropped += st.dropped();
    }
  }

  // ================================================================== effects

  private void dispatch(Node node, Event event) {
    List<Effect> effects = node.sm.handle(event);
    if (trace != null) {
      trace.accept(now + " v" + node.index + " h" + node.sm.height() + "/" + node.sm.view()
          + (node.sm.inViewChange() ? "vc" : "") + " <- " + event);
      for (Effect e : effects) {
        trace.accept("    -> " + e);
      }
    }
    int crashAt = -1;
    if (chaos && node.honest() && cfg.midEffectCrashRate() > 0 && !effects.isEmpty()
        && rnd.nextDouble() < cfg.midEffectCrashRate()) {
      crashAt = rnd.nextInt(effects.size());
    }
    for (int i = 0; i < effects.size() && failure == null; i++) {
      if (i == crashAt) {
        // Crash between two effects: whatever was persisted must keep the node safe.
        crash(node);
        schedule(Math.min(now + 100 + rnd.nextLong(2_000), cfg.chaosMillis()), node.index,
            new Restart());
        return;
      }
      execute(node, effects.get(i));
    }
  }

  private void execute(Node node, Effect e) {
    if (e instanceof Effect.Broadcast b) {
      if (node.honest()) {
        monitorSigned(node, b.packet());
      }
      for (Node to : nodes) {
        if (to != node) {
          send(node, to, byzantine(node, b.packet(), to));
        }
      }
    } else if (e instanceof Effect.Send s) {
      if (node.honest()) {
        monitorSigned(node, s.packet());
      }
      Node to = byId.get(s.to());
      if (to != null && to != node) {
        send(node, to, byzantine(node, s.packet(), to));
      }
    } else if (e instanceof Effect.StartTimer t) {
      long token = ++node.timerToken;
      node.timers.put(t.key(), token);
      schedule(now + t.delayMillis(), node.index, new Fire(t.key(), token));
    } else if (e instanceof Effect.CancelTimer t) {
      node.timers.remove(t.key());
    } else if (e instanceof Effect.RequestProposal r) {
      Block block = propose(node, r.height(), r.parentHash());
      schedule(now + 1 + rnd.nextLong(20), node.index,
          new Input(new Event.ProposalReady(r.height(), r.view(), block)));
    } else if (e instanceof Effect.RequestValidation r) {
      Block b = r.block();
      String reason = b.height() >= 1 && b.height() - 1 <= node.tip()
          ? SimBlocks.invalidReason(b, node.hashAt(b.height() - 1))
          : "parent unknown";
      schedule(now + 1 + rnd.nextLong(10), node.index,
          new Input(new Event.ValidationResult(b, reason == null)));
    } else if (e instanceof Effect.CommitBlock c) {
      if (commit(node, c.block(), c.certificate())) {
        schedule(now + 1 + rnd.nextLong(5), node.index,
            new Input(new Event.Committed(c.block().height(), c.block().hash(), c.certificate(),
                validators)));
      }
    } else if (e instanceof Effect.PersistSafetyState p) {
      SafetyState s = p.state();
      if (cfg.encodeMessages()) {
        DecodeResult<SafetyState> r = safetyCodec.decode(safetyCodec.encode(s));
        if (!r.isOk() || !r.value().equals(s)) {
          fail("codec: safety state did not round-trip at height " + s.height());
          return;
        }
        s = r.value();
      }
      node.persisted = Optional.of(s);
    } else if (e instanceof Effect.RequestSync r) {
      serveSync(node, r.fromHeight());
    } else if (e instanceof Effect.CheckpointStable c) {
      if (node.honest() && !c.certificate().verify(validators, keys.verifier(), codec)) {
        fail("validity: v" + node.index + " produced an unverifiable checkpoint certificate at "
            + c.certificate().height());
      }
    }
  }

  private Block propose(Node node, long height, Hash parent) {
    long nonce = rnd.nextLong();
    if (node.behaviour == Behaviour.INVALID_PROPOSALS) {
      Block good = SimBlocks.build(height, parent, node.index, nonce, true);
      switch (rnd.nextInt(3)) {
        case 0:
          return SimBlocks.build(height, parent, node.index, nonce, false);
        case 1:
          return SimBlocks.withForeignHash(good, randomHash());
        default:
          return SimBlocks.build(height, randomHash(), node.index, nonce, true);
      }
    }
    return SimBlocks.build(height, parent, node.index, nonce, true);
  }

  /**
   * Applies a decided block to the node's ledger after checking the simulator's properties:
   * validity (a quorum certificate, a valid block on the node's own parent) and agreement (the
   * same hash as every other honest validator at that height).
   */
  private boolean commit(Node node, Block block, CommitCertificate cert) {
    long h = block.height();
    if (node.honest()) {
      if (!cert.verify(validators, keys.verifier(), codec) || cert.height() != h
          || !cert.blockHash().equals(block.hash())) {
        fail("validity: v" + node.index + " committed height " + h
            + " without a valid commit certificate");
        return false;
      }
      if (!checkAgreement(node, h, block.hash())) {
        return false;
      }
    }
    if (h <= node.tip()) {
      if (!node.hashAt(h).equals(block.hash()) && node.honest()) {
        fail("agreement: v" + node.index + " committed a second block at height " + h);
      }
      return false;
    }
    if (h != node.tip() + 1) {
      fail("validity: v" + node.index + " committed height " + h + " on top of " + node.tip());
      return false;
    }
    if (node.honest()) {
      String reason = SimBlocks.invalidReason(block, node.hashAt(h - 1));
      if (reason != null) {
        fail("validity: v" + node.index + " committed an invalid block at height " + h + ": "
            + reason);
        return false;
      }
    }
    node.ledger.add(new CommittedBlock(block, cert));
    return true;
  }

  private boolean checkAgreement(Node node, long h, Hash hash) {
    Hash first = decided.putIfAbsent(h, hash);
    if (first != null && !first.equals(hash)) {
      fail("agreement: v" + node.index + " committed " + hash + " at height " + h
          + " where another honest validator committed " + first);
      return false;
    }
    return true;
  }

  /** Serves a block-sync request from a reachable peer that is ahead (what p2p sync does). */
  private void serveSync(Node node, long from) {
    List<Node> peers = new ArrayList<>();
    for (Node p : nodes) {
      if (p != node && p.up && p.tip() >= from && p.tip() > node.tip() && reachable(node, p)) {
        peers.add(p);
      }
    }
    if (peers.isEmpty()) {
      return;
    }
    Node peer = peers.get(rnd.nextInt(peers.size()));
    if (chaos && rnd.nextDouble() < cfg.dropRate()) {
      return;
    }
    List<CommittedBlock> blocks =
        new ArrayList<>(peer.ledger.subList((int) node.tip(), (int) peer.tip()));
    syncs++;
    schedule(now + 2 * delay(), node.index, new SyncReply(blocks));
  }

  private void applySync(Node node, List<CommittedBlock> blocks) {
    long before = node.tip();
    for (CommittedBlock cb : blocks) {
      long h = cb.block().height();
      if (h != node.tip() + 1) {
        continue;
      }
      // Block sync accepts a block only with a commit certificate of its height.
      if (!cb.certificate().verify(validators, keys.verifier(), codec)
          || !cb.certificate().blockHash().equals(cb.block().hash())) {
        if (node.honest()) {
          fail("validity: sync served height " + h + " without a valid certificate");
        }
        return;
      }
      if (!commit(node, cb.block(), cb.certificate())) {
        return;
      }
    }
    if (node.tip() > before) {
      CommittedBlock last = node.ledger.get((int) node.tip() - 1);
      dispatch(node, new Event.Committed(node.tip(), last.block().hash(), last.certificate(),
          validators));
    }
  }

  // ================================================================== network

  private void send(Node from, Node to, Packet packet) {
    if (packet == null || !to.up || !reachable(from, to)) {
      return;
    }
    if (chaos && rnd.nextDouble() < cfg.dropRate()) {
      return;
    }
    byte[] bytes = cfg.encodeMessages() ? codec.encode(packet) : null;
    schedule(now + delay(), to.index, new Deliver(packet, bytes));
    if (rnd.nextDouble() < cfg.duplicateRate()) {
      schedule(now + delay(), to.index, new Deliver(packet, bytes));
    }
  }

  private boolean reachable(Node a, Node b) {
    return partition[a.index] == partition[b.index];
  }

  private long delay() {
    long d = cfg.minDelayMillis()
        + rnd.nextLong(Math.max(1, cfg.maxDelayMillis() - cfg.minDelayMillis() + 1));
    if (rnd.nextDouble() < cfg.slowRate()) {
      d += rnd.nextLong(Math.max(1, cfg.slowDelayMillis()));
    }
    return d;
  }

  private void schedule(long time, int node, Object action) {
    int inc = node >= 0 ? nodes[node].incarnation : 0;
    queue.add(new Scheduled(time, seq++, node, inc, action));
  }

  // ================================================================== byzantine behaviour

  /**
   * (byzantine index, recipient index, height, view) -> the conflicting value that byzantine
   * validator showed that recipient; its later votes to the recipient follow it, which is what
   * makes a split-brain attack able to gather quorums.
   */
  private final Map<List<Long>, Hash> shown = new HashMap<>();
  private final Map<List<Long>, Block> altBlocks = new HashMap<>();

  /** What a byzantine sender actually sends to {@code to} instead of {@code p} (null: nothing). */
  private Packet byzantine(Node node, Packet p, Node to) {
    if (node.honest() || node.behaviour == Behaviour.INVALID_PROPOSALS) {
      return p;
    }
    if (node.behaviour == Behaviour.SILENT) {
      return null;
    }
    Message m = p.message().message();
    if (m instanceof Prepare pr) {
      Hash alt = shown.get(showKey(node, to, pr.height(), pr.view()));
      if (alt != null) {
        return Packet.of(sign(node, new Prepare(pr.height(), pr.view(), alt)));
      }
    }
    if (m instanceof Commit c) {
      Hash alt = shown.get(showKey(node, to, c.height(), c.view()));
      if (alt != null) {
        return Packet.of(sign(node, new Commit(c.height(), c.view(), alt)));
      }
    }
    if (m instanceof NewView nv && node.behaviour == Behaviour.CONFLICTING_VIEW_CHANGES) {
      // A new primary that ignores the prepared value its view changes force, to everyone.
      List<Long> key = Arrays.asList((long) node.index, -1L, nv.height(), (long) nv.view());
      Block b = altBlocks.get(key);
      if (b == null) {
        b = SimBlocks.build(nv.height(), node.hashAt(nv.height() - 1), node.index,
            rnd.nextLong(), true);
        altBlocks.put(key, b);
      }
      Signed<PrePrepare> pp = sign(node, new PrePrepare(nv.height(), nv.view(), b.hash()));
      return showAlternative(node, to, nv.height(), nv.view(), b,
          Packet.of(sign(node, new NewView(nv.height(), nv.view(), nv.viewChanges(), pp)), b));
    }
    if (!rnd.nextBoolean()) {
      return p;
    }
    if (node.behaviour == Behaviour.EQUIVOCATE) {
      if (m instanceof PrePrepare pp && p.block().isPresent()) {
        Block alt = SimBlocks.build(pp.height(), node.hashAt(pp.height() - 1), node.index,
            rnd.nextLong(), true);
        return showAlternative(node, to, pp.height(), pp.view(), alt,
            Packet.of(sign(node, new PrePrepare(pp.height(), pp.view(), alt.hash())), alt));
      }
      if (m instanceof Prepare pr) {
        return Packet.of(sign(node, new Prepare(pr.height(), pr.view(), randomHash())));
      }
      if (m instanceof Commit c) {
        return Packet.of(sign(node, new Commit(c.height(), c.view(), randomHash())));
      }
      return p;
    }
    // CONFLICTING_VIEW_CHANGES
    if (m instanceof ViewChange vc) {
      if (vc.prepared().isPresent() || rnd.nextBoolean()) {
        return Packet.of(sign(node, new ViewChange(vc.height(), vc.newView(), Optional.empty())));
      }
      return Packet.of(sign(node, new ViewChange(vc.height(), vc.newView() + 1, Optional.empty())));
    }
    return p;
  }

  /** Sends the conflicting proposal and, right behind it, the byzantine's commit for it. */
  private Packet showAlternative(Node node, Node to, long height, int view, Block alt,
      Packet proposal) {
    shown.put(showKey(node, to, height, view), alt.hash());
    send(node, to, Packet.of(sign(node, new Commit(height, view, alt.hash()))));
    return proposal;
  }

  private static List<Long> showKey(Node node, Node to, long height, int view) {
    return Arrays.asList((long) node.index, (long) to.index, height, (long) view);
  }

  private <M extends Message> Signed<M> sign(Node node, M m) {
    return new Signed<>(m, node.id, node.signer.sign(codec.digest(m)));
  }

  private Hash randomHash() {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i += 8) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8; k++) {
        b[i + k] = (byte) (v >>> (8 * k));
      }
    }
    return Hash.of(b);
  }

  // ================================================================== safety monitor

  /**
   * The restart-safety property: an honest validator never signs two different values for one
   * (kind, height, view) slot, across crashes included. Checked on every message it sends.
   */
  private void monitorSigned(Node node, Packet packet) {
    Signed<? extends Message> s = packet.message();
    if (!s.author().equals(node.id)) {
      return;
    }
    Message m = s.message();
    if (m instanceof NewView nv) {
      slot(node, PrePrepare.TAG, nv.height(), nv.view(), nv.prePrepare().message().blockHash());
    } else if (m instanceof PrePrepare pp) {
      slot(node, PrePrepare.TAG, pp.height(), pp.view(), pp.blockHash());
    } else if (m instanceof Prepare pr) {
      slot(node, Prepare.TAG, pr.height(), pr.view(), pr.blockHash());
    } else if (m instanceof Commit c) {
      slot(node, Commit.TAG, c.height(), c.view(), c.blockHash());
    } else if (m instanceof ViewChange vc) {
      slot(node, ViewChange.TAG, vc.height(), vc.newView(), vc);
    } else if (m instanceof Checkpoint cp) {
      slot(node, Checkpoint.TAG, cp.height(), 0, cp.blockHash());
    }
  }

  private void slot(Node node, int tag, long height, int view, Object value) {
    List<Long> key = Arrays.asList((long) node.index, (long) tag, height, (long) view);
    Object first = signedSlots.putIfAbsent(key, value);
    if (first != null && !first.equals(value)) {
      fail("double-sign: honest v" + node.index + " signed two values for message kind " + tag
          + " at height " + height + " view " + view);
    }
  }

  // ================================================================== results

  private boolean allHonestReached(long h) {
    for (Node node : nodes) {
      if (node.honest() && node.tip() < h) {
        return false;
      }
    }
    return true;
  }

  private void fail(String what) {
    if (failure == null) {
      failure = what + " (at " + now + " ms virtual)";
    }
  }

  private SimulationResult result() {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (Node node : nodes) {
      if (node.honest()) {
        min = Math.min(min, node.tip());
        max = Math.max(max, node.tip());
        absorbStats(node);
      }
    }
    if (min == Long.MAX_VALUE) {
      min = 0;
    }
    return new SimulationResult(cfg.seed(), failure == null, failure == null ? "" : failure,
        scenario(), now, events, delivered, min, max, honestViewChanges, syncs, restarts,
        honestDropped);
  }

  private String scenario() {
    StringBuilder sb = new StringBuilder();
    sb.append("n=").append(cfg.validators()).append(" f=").append(cfg.faulty());
    for (Node node : nodes) {
      if (!node.honest()) {
        sb.append(" v").append(node.index).append('=').append(node.behaviour);
      }
    }
    sb.append(String.format(java.util.Locale.ROOT,
        " chaos=%dms drop=%.3f dup=%.3f delay=%d..%dms partitions=%d crashes=%d midCrash=%.3f%s%s",
        cfg.chaosMillis(), cfg.dropRate(), cfg.duplicateRate(), cfg.minDelayMillis(),
        cfg.maxDelayMillis(), cfg.partitions(), cfg.crashes(), cfg.midEffectCrashRate(),
        cfg.encodeMessages() ? " encoded" : "", cfg.realCrypto() ? " secp256k1" : ""));
    return sb.toString();
  }
}
