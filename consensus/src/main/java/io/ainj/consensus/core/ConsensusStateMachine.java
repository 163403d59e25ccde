package io.ainj.consensus.core;

import io.ainj.consensus.messages.Checkpoint;
import io.ainj.consensus.messages.CheckpointCertificate;
import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.Decision;
import io.ainj.consensus.messages.Message;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.NewView;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.messages.PreparedCertificate;
import io.ainj.consensus.messages.Seal;
import io.ainj.consensus.messages.Signed;
import io.ainj.consensus.messages.ViewChange;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.MessageSigner;
import io.ainj.consensus.types.ProposerSelector;
import io.ainj.consensus.types.SignatureVerifier;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * PBFT (Castro and Liskov, OSDI 1999) over blocks as a pure, single-threaded state machine.
 *
 * <p>One sequence number per height, decided before the next height opens. Within a height,
 * views number the primaries (view 0, 1, ... with back-off); a height's view-0 primary sends a
 * pre-prepare, later primaries send a new-view that carries their pre-prepare. Validation of the
 * proposal is asynchronous through effects; the machine never blocks.
 *
 * <p>Outside input never throws: invalid, duplicate, stale or future messages are dropped or
 * buffered and counted in {@link #stats()}. Broken invariants of the caller (a malformed event
 * record, an event before {@link Event.Start}) fail fast.
 */
public final class ConsensusStateMachine {
  private final ConsensusConfig config;
  private final MessageSigner signer;
  private final SignatureVerifier verifier;
  private final ProposerSelector selector;
  private final MessageCodec codec;
  private final ValidatorId self;
  private final ConsensusStats.Counters counters = new ConsensusStats.Counters();

  private boolean started;
  /** The undecided height this machine works on. */
  private long height;
  private Hash parentHash;
  private ValidatorSet validators;
  private int view;
  /** Left the previous view with a view change; waiting for the new-view of {@link #view}. */
  private boolean inViewChange;
  /** CommitBlock emitted for {@link #height}; waiting for Committed. */
  private boolean decided;
  private SafetyState safety;
  private Round round;
  private final FutureBuffer future;
  /** Validator -> highest height it was seen working on, above ours. */
  private final TreeMap<ValidatorId, Long> aheadHints = new TreeMap<>();
  /** The height up to which peers are known to have committed, while above ours. */
  private long syncTarget = -1;
  /** Certificates of recent heights, to hand to peers that missed them; pruned by checkpoints. */
  private final TreeMap<Long, CommitCertificate> decidedLog = new TreeMap<>();
  /** The same certificates wrapped and signed for relaying, made on first use. */
  private final TreeMap<Long, Signed<Decision>> signedDecisions = new TreeMap<>();
  /** Latest checkpoint vote of each validator. */
  private final TreeMap<ValidatorId, Signed<Checkpoint>> checkpointVotes = new TreeMap<>();
  private long stableCheckpoint = -1;

  private List<Effect> out = new ArrayList<>();

  public ConsensusStateMachine(
      ConsensusConfig config,
      MessageSigner signer,
      SignatureVerifier verifier,
      ProposerSelector selector) {
    this.config = Objects.requireNonNull(config, "config");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.selector = Objects.requireNonNull(selector, "selector");
    this.codec = MessageCodec.of(config);
    this.self = signer.id();
    this.future = new FutureBuffer(config.maxBufferedMessages());
  }

  // ================================================================== public surface

  /** Handles one event and returns the effects to execute, in order. */
  public List<Effect> handle(Event event) {
    out = new ArrayList<>();
    if (event instanceof Event.Start e) {
      onStart(e);
    } else {
      if (!started) {
        throw new IllegalStateException("the first event must be Start, got " + event);
      }
      if (event instanceof Event.MessageReceived e) {
        onPacket(e.packet());
      } else if (event instanceof Event.TimerFired e) {
        onTimer(e.key());
      } else if (event instanceof Event.ProposalReady e) {
        onProposalReady(e);
      } else if (event instanceof Event.ValidationResult e) {
        onValidationResult(e);
      } else if (event instanceof Event.Committed e) {
        onCommitted(e);
      } else {
        throw new IllegalStateException("unknown event " + event);
      }
    }
    List<Effect> result = Collections.unmodifiableList(out);
    out = new ArrayList<>();
    return result;
  }

  public ConsensusStats stats() {
    return counters.snapshot();
  }

  public ValidatorId id() {
    return self;
  }

  public long height() {
    return height;
  }

  public int view() {
    return view;
  }

  public boolean inViewChange() {
    return inViewChange;
  }

  /** The validator expected to propose at the current height and view. */
  public ValidatorId primary() {
    return proposer(view);
  }

  public boolean decided() {
    return decided;
  }

  public SafetyState safetyState() {
    return safety;
  }

  public ValidatorSet validators() {
    return validators;
  }

  public long stableCheckpoint() {
    return stableCheckpoint;
  }

  /** Size of the retained logs, so tests can check that checkpoints garbage-collect them. */
  public int retainedDecidedHeights() {
    return decidedLog.size();
  }

  public int bufferedFutureMessages() {
    return future.size();
  }

  public MessageCodec codec() {
    return codec;
  }

  // ================================================================== heights

  private void onStart(Event.Start e) {
    if (started) {
      throw new IllegalStateException("started twice");
    }
    started = true;
    Optional<SafetyState> restored =
        e.safetyState().filter(s -> s.height() == e.committedHeight() + 1);
    if (e.safetyState().isPresent() && restored.isEmpty()) {
      // Saved for a height that is decided since: nothing it protects can be signed again,
      // because this machine only ever signs at its current height.
      counters.stale++;
    }
    e.certificate().ifPresent(this::rememberCertificate);
    enterHeight(e.committedHeight() + 1, e.committedHash(), e.nextValidators(), restored);
  }

  /** Keeps a decided height's certificate for peers that missed it. */
  private void rememberCertificate(CommitCertificate cert) {
    if (cert.height() > stableCheckpoint) {
      decidedLog.putIfAbsent(cert.height(), cert);
    }
  }

  private void onCommitted(Event.Committed e) {
    if (e.height() < height) {
      counters.stale++;
      return;
    }
    rememberCertificate(e.certificate());
    // Checkpoints need no safety record: an honest node only ever checkpoints the block it
    // committed, and that block is unique per height.
    if (e.height() % config.checkpointInterval() == 0 && isValidator()) {
      Signed<Checkpoint> own = sign(new Checkpoint(e.height(), e.blockHash()));
      emit(new Effect.Broadcast(Packet.of(own)));
      recordCheckpoint(own);
    }
    enterHeight(e.height() + 1, e.blockHash(), e.nextValidators(), Optional.empty());
  }

  private void enterHeight(long h, Hash parent, ValidatorSet vs, Optional<SafetyState> restored) {
    if (round != null) {
      emit(new Effect.CancelTimer(new TimerKey(height, view)));
    }
    height = h;
    parentHash = parent;
    validators = vs;
    view = 0;
    inViewChange = false;
    decided = false;
    round = new Round();
    safety = restored.orElse(SafetyState.initial(h));
    aheadHints.values().removeIf(x -> x <= h);
    if (syncTarget < h) {
      syncTarget = -1;
    }
    while (decidedLog.size() > config.checkpointInterval() + 1) {
      decidedLog.pollFirstEntry();
    }
    signedDecisions.headMap(decidedLog.isEmpty() ? h : decidedLog.firstKey()).clear();
    if (restored.isPresent()) {
      restore(restored.get());
    }
    emit(new Effect.StartTimer(new TimerKey(height, view), config.roundTimeoutMillis(view)));
    if (!inViewChange && isPrimary(view) && round.view(view).prePrepare == null && isValidator()) {
      round.proposalRequestedView = view;
      emit(new Effect.RequestProposal(height, view, parentHash));
    }
    for (Packet p : future.take(height)) {
      onPacket(p);
    }
  }

  /**
   * Re-enters the saved view with the saved votes. A restarted node re-sends exactly the signed
   * messages it saved, never new signatures for the same slots.
   */
  private void restore(SafetyState s) {
    view = s.view();
    inViewChange = view > 0;
    s.prepared().ifPresent(pc -> {
      round.offerBlock(s.preparedBlock().get());
      round.validity.put(pc.blockHash(), true);
    });
    s.prePrepare().ifPresent(pp -> {
      Block b = s.proposedBlock().get();
      round.offerBlock(b);
      round.validity.put(b.hash(), true);
      if (pp.message().view() == 0) {
        round.view(0).prePrepare = pp;
        if (view == 0) {
          emit(new Effect.Broadcast(Packet.of(pp, b)));
        }
      }
    });
    s.prepare().ifPresent(p -> {
      round.view(p.message().view()).prepares.put(self, p);
      if (p.message().view() == view) {
        emit(new Effect.Broadcast(Packet.of(p)));
      }
    });
    s.commit().ifPresent(c -> {
      Round.ViewLog log = round.view(c.message().view());
      log.commits.put(self, c);
      log.commitSent = true;
      if (c.message().view() == view) {
        emit(new Effect.Broadcast(Packet.of(c)));
      }
    });
    s.viewChange().ifPresent(vc -> {
      int v = vc.message().newView();
      round.viewChangesFor(v).put(self, vc);
      round.highestViewChange.merge(self, v, Math::max);
      if (v == view) {
        emit(new Effect.Broadcast(viewChangePacket(vc)));
      }
    });
  }

  // ================================================================== messages

  private void onPacket(Packet packet) {
    counters.received++;
    Signed<? extends Message> s = packet.message();
    Message m = s.message();
    if (m instanceof Checkpoint) {
      onCheckpoint(cast(s));
      return;
    }
    if (s.author().equals(self)) {
      counters.ownEcho++;
      return;
    }
    if (m.height() < height) {
      if (m instanceof ViewChange) {
        helpLaggard(s.author(), m.height(), s);
      } else {
        counters.stale++;
      }
      return;
    }
    if (m.height() > height) {
      bufferFuture(packet);
      return;
    }
    if (!validators.contains(s.author())) {
      counters.unknownAuthor++;
      return;
    }
    if (m instanceof Decision) {
      if (decided) {
        counters.duplicate++;
      } else {
        onDecision(cast(s));
      }
      return;
    }
    if (decided) {
      // Late traffic of a height this node already decided; a view change means the sender
      // did not see the commit quorum, so hand it over.
      if (m instanceof ViewChange) {
        helpLaggard(s.author(), m.height(), s);
      } else {
        counters.stale++;
      }
      return;
    }
    if (m instanceof PrePrepare) {
      onPrePrepare(cast(s), packet.block());
    } else if (m instanceof Prepare) {
      onPrepare(cast(s));
    } else if (m instanceof Commit) {
      onCommit(cast(s));
    } else if (m instanceof ViewChange) {
      onViewChange(cast(s), packet.block());
    } else if (m instanceof NewView) {
      onNewView(cast(s), packet.block());
    }
    if (round.pendingCertificate != null && !decided) {
      // The message may have brought the block a known certificate was waiting for.
      tryDecide(round.pendingCertificate);
    }
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> Signed<M> cast(Signed<? extends Message> s) {
    return (Signed<M>) s;
  }

  private void bufferFuture(Packet packet) {
    Signed<? extends Message> s = packet.message();
    long h = s.message().height();
    if (h > height + config.futureHeightWindow()) {
      counters.futureDropped++;
      return;
    }
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    if (!future.add(packet, validators.size() + 1)) {
      counters.futureDropped++;
    } else {
      counters.futureBuffered++;
    }
    if (validators.contains(s.author())) {
      noteAhead(s.author(), h);
    }
  }

  /**
   * Block sync trigger: once f+1 validators (so at least one honest) are seen working above our
   * height, the blocks up to the (f+1)-th highest of their heights minus one are decided.
   */
  private void noteAhead(ValidatorId author, long theirHeight) {
    aheadHints.merge(author, theirHeight, Math::max);
    List<Long> hs = new ArrayList<>();
    for (Map.Entry<ValidatorId, Long> e : aheadHints.entrySet()) {
      if (e.getValue() > height && validators.contains(e.getKey())) {
        hs.add(e.getValue());
      }
    }
    int f1 = validators.weakQuorum();
    if (hs.size() < f1) {
      return;
    }
    hs.sort(Comparator.reverseOrder());
    long target = hs.get(f1 - 1) - 1;
    if (target >= height && target > syncTarget) {
      syncTarget = target;
      requestSync();
    }
  }

  private void requestSync() {
    counters.syncRequests++;
    emit(new Effect.RequestSync(height, Math.max(syncTarget, height)));
  }

  private void onPrePrepare(Signed<PrePrepare> s, Optional<Block> block) {
    PrePrepare pp = s.message();
    if (pp.view() != 0 || !s.author().equals(proposer(0))) {
      // Later views' pre-prepares are only valid inside the primary's new-view.
      counters.invalid++;
      return;
    }
    Round.ViewLog log = round.view(0);
    if (log.prePrepare != null) {
      slotTaken(log.prePrepare, s);
      return;
    }
    if (block.isEmpty() || !block.get().hash().equals(pp.blockHash())
        || block.get().height() != height) {
      counters.invalid++;
      return;
    }
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    log.prePrepare = s;
    round.offerBlock(block.get());
    if (view == 0 && !inViewChange) {
      onProposal();
    }
    checkDecide(0);
  }

  /** The current view's pre-prepare is known: validate it, or vote if it already is. */
  private void onProposal() {
    Round.ViewLog log = round.view(view);
    Hash x = log.prePrepare.message().blockHash();
    Boolean valid = round.validity.get(x);
    if (valid == null) {
      requestValidation(x);
      return;
    }
    if (!valid) {
      // The primary proposed an invalid block: rather than wait for the timer, leave the view
      // now. This alone cannot force a view change, others follow only on their own evidence.
      startViewChange(view + 1);
      return;
    }
    tryPrepare();
  }

  private void requestValidation(Hash x) {
    Block b = round.blocks.get(x);
    if (b != null && round.validating.add(x)) {
      emit(new Effect.RequestValidation(parentHash, b));
    }
  }

  private void tryPrepare() {
    if (inViewChange || decided) {
      return;
    }
    Round.ViewLog log = round.view(view);
    if (log.prePrepare == null) {
      return;
    }
    Hash x = log.prePrepare.message().blockHash();
    if (!Boolean.TRUE.equals(round.validity.get(x))) {
      return;
    }
    // PBFT: the primary's pre-prepare is its vote; only backups send prepares.
    if (!isPrimary(view) && !log.prepares.containsKey(self) && isValidator()) {
      Signed<Prepare> p = signPrepare(new Prepare(height, view, x));
      if (p == null) {
        return;
      }
      log.prepares.put(self, p);
      emit(new Effect.Broadcast(Packet.of(p)));
    }
    checkPrepared();
  }

  private void onPrepare(Signed<Prepare> s) {
    Prepare p = s.message();
    if (p.view() < view) {
      counters.stale++;
      return;
    }
    if (p.view() > view + config.futureViewWindow()) {
      counters.futureDropped++;
      return;
    }
    if (s.author().equals(proposer(p.view()))) {
      counters.invalid++;
      return;
    }
    Round.ViewLog log = round.view(p.view());
    Signed<Prepare> known = log.prepares.get(s.author());
    if (known != null) {
      slotTaken(known, s);
      return;
    }
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    log.prepares.put(s.author(), s);
    if (p.view() == view) {
      checkPrepared();
    }
  }

  /**
   * PBFT's prepared predicate: the pre-prepare plus 2f matching prepares from distinct backups,
   * and the block valid here. Then commit, after persisting the certificate, so a view change
   * after a crash still reports it.
   */
  private void checkPrepared() {
    if (inViewChange || decided) {
      return;
    }
    Round.ViewLog log = round.view(view);
    if (log.prePrepare == null) {
      return;
    }
    Hash x = log.prePrepare.message().blockHash();
    if (!Boolean.TRUE.equals(round.validity.get(x))) {
      return;
    }
    if (!log.commitSent) {
      ValidatorId primary = proposer(view);
      List<Signed<Prepare>> matching = new ArrayList<>();
      for (Signed<Prepare> p : log.prepares.values()) {
        if (p.message().blockHash().equals(x) && !p.author().equals(primary)) {
          matching.add(p);
        }
      }
      int need = validators.quorum() - 1;
      if (matching.size() < need) {
        return;
      }
      if (!isValidator()) {
        return;
      }
      PreparedCertificate cert =
          new PreparedCertificate(log.prePrepare, matching.subList(0, need));
      Signed<Commit> c = signCommit(new Commit(height, view, x), cert, round.blocks.get(x));
      if (c == null) {
        return;
      }
      log.commits.put(self, c);
      log.commitSent = true;
      emit(new Effect.Broadcast(Packet.of(c)));
    }
    checkDecide(view);
  }

  private void onCommit(Signed<Commit> s) {
    Commit c = s.message();
    if (c.view() > view + config.futureViewWindow()) {
      counters.futureDropped++;
      return;
    }
    Round.ViewLog log = round.view(c.view());
    Signed<Commit> known = log.commits.get(s.author());
    if (known != null) {
      slotTaken(known, s);
      return;
    }
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    log.commits.put(s.author(), s);
    checkDecide(c.view());
  }

  /**
   * 2f+1 commits for one value in any view decide it (PBFT's committed-local, accepted from any
   * view because the certificate itself proves the decision).
   */
  private void checkDecide(int v) {
    if (decided) {
      return;
    }
    Round.ViewLog log = round.views.get(v);
    if (log == null) {
      return;
    }
    TreeMap<Hash, List<Seal>> byHash = new TreeMap<>();
    for (Signed<Commit> c : log.commits.values()) {
      byHash.computeIfAbsent(c.message().blockHash(), k -> new ArrayList<>())
          .add(new Seal(c.author(), c.signature()));
    }
    int q = validators.quorum();
    for (Map.Entry<Hash, List<Seal>> e : byHash.entrySet()) {
      if (e.getValue().size() >= q) {
        tryDecide(new CommitCertificate(height, v, e.getKey(), e.getValue().subList(0, q)));
        return;
      }
    }
  }

  /** A certificate relayed by a validator that decided our height before us. */
  private void onDecision(Signed<Decision> s) {
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    CommitCertificate cert = s.message().certificate();
    if (round.pendingCertificate != null) {
      counters.duplicate++;
      return;
    }
    if (!cert.verify(validators, verifier, codec)) {
      counters.invalid++;
      return;
    }
    tryDecide(cert);
  }

  /**
   * Decides once the certified block is here and valid: its payload, not only its hash, is what
   * gets applied. Otherwise keeps the certificate and fetches or validates the block.
   */
  private void tryDecide(CommitCertificate cert) {
    if (decided) {
      return;
    }
    Hash x = cert.blockHash();
    Block b = round.blocks.get(x);
    Boolean valid = b == null ? null : round.validity.get(x);
    round.pendingCertificate = cert;
    if (b == null || Boolean.FALSE.equals(valid)) {
      if (!round.missingDecidedBlock) {
        round.missingDecidedBlock = true;
        syncTarget = Math.max(syncTarget, height);
        requestSync();
      }
      return;
    }
    if (valid == null) {
      requestValidation(x);
      return;
    }
    decided = true;
    counters.decided++;
    decidedLog.put(height, cert);
    emit(new Effect.CancelTimer(new TimerKey(height, view)));
    emit(new Effect.CommitBlock(b, cert));
  }

  // ================================================================== view change

  private void onViewChange(Signed<ViewChange> s, Optional<Block> block) {
    ViewChange vc = s.message();
    int v = vc.newView();
    if (v < view || (v == view && !inViewChange)) {
      helpBehindView(s);
      return;
    }
    if (v > view + config.futureViewWindow()) {
      counters.futureDropped++;
      return;
    }
    TreeMap<ValidatorId, Signed<ViewChange>> forView = round.viewChangesFor(v);
    Signed<ViewChange> known = forView.get(s.author());
    if (known != null) {
      slotTaken(known, s);
      return;
    }
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    if (vc.prepared().isPresent() && !validPrepared(vc.prepared().get())) {
      counters.invalid++;
      return;
    }
    forView.put(s.author(), s);
    round.highestViewChange.merge(s.author(), v, Math::max);
    if (vc.prepared().isPresent() && block.isPresent()
        && block.get().hash().equals(vc.prepared().get().blockHash())
        && block.get().height() == height) {
      round.offerBlock(block.get());
    }
    if (!applyJoinRule() && v == view && inViewChange && isPrimary(view)) {
      tryNewView();
    }
  }

  /**
   * PBFT liveness rule: f+1 validators asking for views above ours include an honest one, so
   * join the highest view that f+1 of them back, rather than wait for our own timer.
   */
  private boolean applyJoinRule() {
    List<Integer> above = new ArrayList<>();
    for (Map.Entry<ValidatorId, Integer> e : round.highestViewChange.entrySet()) {
      if (e.getValue() > view && !e.getKey().equals(self)) {
        above.add(e.getValue());
      }
    }
    int f1 = validators.weakQuorum();
    if (above.size() < f1) {
      return false;
    }
    above.sort(Comparator.reverseOrder());
    int target = above.get(f1 - 1);
    if (target > view) {
      startViewChange(target);
      return true;
    }
    return false;
  }

  private void startViewChange(int target) {
    if (decided || target <= view) {
      return;
    }
    emit(new Effect.CancelTimer(new TimerKey(height, view)));
    view = target;
    inViewChange = true;
    round.acceptedNewView = null;
    round.acceptedNewViewBlock = null;
    counters.viewChanges++;
    emit(new Effect.StartTimer(new TimerKey(height, view), config.roundTimeoutMillis(view)));
    if (!isValidator()) {
      return;
    }
    Signed<ViewChange> vc = signViewChange(new ViewChange(height, view, safety.prepared()));
    if (vc == null) {
      return;
    }
    round.viewChangesFor(view).put(self, vc);
    round.highestViewChange.merge(self, view, Math::max);
    emit(new Effect.Broadcast(viewChangePacket(vc)));
    if (isPrimary(view)) {
      tryNewView();
    }
  }

  private Packet viewChangePacket(Signed<ViewChange> vc) {
    Optional<PreparedCertificate> p = vc.message().prepared();
    if (p.isPresent()) {
      Block b = round.blocks.get(p.get().blockHash());
      if (b == null && safety.preparedBlock().isPresent()
          && safety.preparedBlock().get().hash().equals(p.get().blockHash())) {
        b = safety.preparedBlock().get();
      }
      if (b != null) {
        return Packet.of(vc, b);
      }
    }
    return Packet.of(vc);
  }

  /**
   * As the primary of {@link #view}: with 2f+1 view changes, re-propose the value of the
   * highest-view prepared certificate among them (PBFT's new-view rule, which is what carries a
   * possibly committed value into the new view), or a fresh block if none is prepared.
   */
  private void tryNewView() {
    if (!inViewChange || decided || !isPrimary(view) || !isValidator()) {
      return;
    }
    TreeMap<ValidatorId, Signed<ViewChange>> vcs = round.viewChanges.get(view);
    int q = validators.quorum();
    if (vcs == null || vcs.size() < q) {
      return;
    }
    // Prefer view changes with the highest certificates: any 2f+1 are safe, these finish faster.
    List<Signed<ViewChange>> chosen = new ArrayList<>(vcs.values());
    chosen.sort(Comparator.comparingInt(
        (Signed<ViewChange> s) -> s.message().prepared().map(PreparedCertificate::view)
            .orElse(-1)).reversed().thenComparing(Signed::author));
    chosen = chosen.subList(0, q);
    Optional<PreparedCertificate> highest = highestPrepared(chosen);
    Block block;
    if (highest.isPresent()) {
      block = round.blocks.get(highest.get().blockHash());
      if (block == null) {
        counters.invalid++;
        return;
      }
      Boolean valid = round.validity.get(block.hash());
      if (valid == null) {
        requestValidation(block.hash());
        return;
      }
      if (!valid) {
        return;
      }
    } else if (safety.prePrepare().isPresent()
        && safety.prePrepare().get().message().view() == view) {
      block = safety.proposedBlock().get();
    } else if (round.freshProposal != null && round.freshProposalView == view) {
      block = round.freshProposal;
    } else {
      if (round.proposalRequestedView != view) {
        round.proposalRequestedView = view;
        emit(new Effect.RequestProposal(height, view, parentHash));
      }
      return;
    }
    Signed<PrePrepare> pp = signPrePrepare(new PrePrepare(height, view, block.hash()), block);
    if (pp == null) {
      return;
    }
    Signed<NewView> nv = sign(new NewView(height, view, chosen, pp));
    emit(new Effect.Broadcast(Packet.of(nv, block)));
    enterNewView(nv, block);
  }

  private static Optional<PreparedCertificate> highestPrepared(List<Signed<ViewChange>> vcs) {
    PreparedCertificate best = null;
    for (Signed<ViewChange> s : vcs) {
      Optional<PreparedCertificate> p = s.message().prepared();
      if (p.isPresent() && (best == null || p.get().view() > best.view())) {
        best = p.get();
      }
    }
    return Optional.ofNullable(best);
  }

  private void onNewView(Signed<NewView> s, Optional<Block> block) {
    NewView nv = s.message();
    int v = nv.view();
    if (v < view || (v == view && !inViewChange)) {
      if (round.acceptedNewView != null && round.acceptedNewView.equals(s)) {
        counters.duplicate++;
      } else {
        counters.stale++;
      }
      return;
    }
    if (v > view + config.futureViewWindow()) {
      counters.futureDropped++;
      return;
    }
    if (!s.author().equals(proposer(v))) {
      counters.invalid++;
      return;
    }
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    if (!validNewView(nv)) {
      counters.invalid++;
      return;
    }
    Hash x = nv.prePrepare().message().blockHash();
    Block b = null;
    if (block.isPresent() && block.get().hash().equals(x) && block.get().height() == height) {
      round.offerBlock(block.get());
    }
    b = round.blocks.get(x);
    if (b == null) {
      counters.invalid++;
      return;
    }
    enterNewView(s, b);
  }

  /**
   * Replica-side check of a new-view (PBFT: "backups verify that O is correct by performing a
   * computation similar to the one used by the primary"): 2f+1 well-signed view changes for this
   * view with valid certificates, and a pre-prepare for exactly the value they force.
   */
  private boolean validNewView(NewView nv) {
    Signed<PrePrepare> pp = nv.prePrepare();
    int v = nv.view();
    if (pp.message().height() != height || pp.message().view() != v
        || !pp.author().equals(proposer(v)) || !verified(pp)) {
      return false;
    }
    Set<ValidatorId> authors = new HashSet<>();
    for (Signed<ViewChange> vc : nv.viewChanges()) {
      if (vc.message().height() != height || vc.message().newView() != v
          || !validators.contains(vc.author()) || !authors.add(vc.author())) {
        return false;
      }
      if (!verified(vc)) {
        counters.badSignature++;
        return false;
      }
      if (vc.message().prepared().isPresent() && !validPrepared(vc.message().prepared().get())) {
        return false;
      }
    }
    if (authors.size() < validators.quorum()) {
      return false;
    }
    PreparedCertificate highest = null;
    for (Signed<ViewChange> vc : nv.viewChanges()) {
      Optional<PreparedCertificate> p = vc.message().prepared();
      if (p.isEmpty()) {
        continue;
      }
      if (highest == null || p.get().view() > highest.view()) {
        highest = p.get();
      } else if (p.get().view() == highest.view()
          && !p.get().blockHash().equals(highest.blockHash())) {
        // Two values prepared in one view would need an honest validator to prepare both.
        return false;
      }
    }
    return highest == null || highest.blockHash().equals(pp.message().blockHash());
  }

  private boolean validPrepared(PreparedCertificate pc) {
    Signed<PrePrepare> pp = pc.prePrepare();
    if (pc.height() != height || !pp.author().equals(proposer(pc.view()))
        || !validators.contains(pp.author())) {
      return false;
    }
    if (!verified(pp)) {
      counters.badSignature++;
      return false;
    }
    Set<ValidatorId> authors = new HashSet<>();
    for (Signed<Prepare> p : pc.prepares()) {
      if (p.author().equals(pp.author()) || !validators.contains(p.author())
          || !authors.add(p.author())) {
        return false;
      }
      if (!verified(p)) {
        counters.badSignature++;
        return false;
      }
    }
    return authors.size() >= validators.quorum() - 1;
  }

  private void enterNewView(Signed<NewView> nv, Block block) {
    int v = nv.message().view();
    if (v != view) {
      emit(new Effect.CancelTimer(new TimerKey(height, view)));
      view = v;
    }
    inViewChange = false;
    counters.newViewsAccepted++;
    // A fresh full timeout for the new primary's round (PBFT restarts the timer on new-view).
    emit(new Effect.StartTimer(new TimerKey(height, view), config.roundTimeoutMillis(view)));
    round.acceptedNewView = nv;
    round.acceptedNewViewBlock = block;
    round.offerBlock(block);
    round.view(v).prePrepare = nv.message().prePrepare();
    onProposal();
  }

  /** A validator still works on an older view of our height: give it what moved us on. */
  private void helpBehindView(Signed<ViewChange> s) {
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    counters.stale++;
    int v = s.message().newView();
    if (!allowRelay(s.author())) {
      return;
    }
    TreeMap<ValidatorId, Signed<ViewChange>> forView = round.viewChanges.get(v);
    Signed<ViewChange> mine = forView == null ? null : forView.get(self);
    if (mine != null) {
      // It may be one view change short of the 2f+1 that let us escalate.
      counters.relays++;
      emit(new Effect.Send(s.author(), viewChangePacket(mine)));
    }
    if (round.acceptedNewView != null && !inViewChange) {
      counters.relays++;
      emit(new Effect.Send(s.author(), Packet.of(round.acceptedNewView,
          round.acceptedNewViewBlock)));
    }
  }

  /** A validator still works on a height we decided: hand it the certificate. */
  private void helpLaggard(ValidatorId to, long theirHeight, Signed<? extends Message> s) {
    counters.stale++;
    CommitCertificate cert = decidedLog.get(theirHeight);
    if (cert == null || !isValidator() || !validators.contains(to) || !verified(s)
        || !allowRelay(to)) {
      return;
    }
    Signed<Decision> d = signedDecisions.computeIfAbsent(theirHeight,
        k -> sign(new Decision(cert)));
    counters.relays++;
    emit(new Effect.Send(to, Packet.of(d)));
  }

  /** At most a few relays per peer and height: a faulty peer cannot turn us into an amplifier. */
  private boolean allowRelay(ValidatorId to) {
    int n = round.relaysTo.getOrDefault(to, 0);
    if (n >= 8) {
      return false;
    }
    round.relaysTo.put(to, n + 1);
    return true;
  }

  // ================================================================== checkpoints

  private void onCheckpoint(Signed<Checkpoint> s) {
    Checkpoint c = s.message();
    if (c.height() <= stableCheckpoint) {
      counters.stale++;
      return;
    }
    if (!validators.contains(s.author())) {
      counters.unknownAuthor++;
      return;
    }
    if (s.author().equals(self)) {
      counters.ownEcho++;
      return;
    }
    Signed<Checkpoint> known = checkpointVotes.get(s.author());
    if (known != null && known.message().height() >= c.height()) {
      if (known.message().height() == c.height()) {
        slotTaken(known, s);
      } else {
        counters.stale++;
      }
      return;
    }
    if (!verified(s)) {
      counters.badSignature++;
      return;
    }
    recordCheckpoint(s);
    if (c.height() >= height) {
      noteAhead(s.author(), c.height() + 1);
    }
  }

  /**
   * 2f+1 matching checkpoints make it stable (PBFT): the proof goes to storage and every log
   * entry at or below it is garbage-collected, since any peer that still needs those heights
   * can sync them with certificates instead.
   */
  private void recordCheckpoint(Signed<Checkpoint> s) {
    checkpointVotes.put(s.author(), s);
    Checkpoint c = s.message();
    List<Seal> seals = new ArrayList<>();
    for (Signed<Checkpoint> vote : checkpointVotes.values()) {
      if (vote.message().equals(c)) {
        seals.add(new Seal(vote.author(), vote.signature()));
      }
    }
    if (seals.size() < validators.quorum() || c.height() <= stableCheckpoint) {
      return;
    }
    stableCheckpoint = c.height();
    counters.stableCheckpoints++;
    emit(new Effect.CheckpointStable(new CheckpointCertificate(c.height(), c.blockHash(), seals)));
    decidedLog.headMap(c.height(), true).clear();
    signedDecisions.headMap(c.height(), true).clear();
    checkpointVotes.values().removeIf(v -> v.message().height() <= stableCheckpoint);
  }

  // ================================================================== timers and port answers

  private void onTimer(TimerKey key) {
    if (key.height() != height || key.view() != view || decided) {
      counters.stale++;
      return;
    }
    counters.timeouts++;
    // Relay budgets refill with our own timer, so a peer stuck for long keeps getting help.
    round.relaysTo.clear();
    if (syncTarget >= height) {
      requestSync();
    }
    if (!inViewChange) {
      startViewChange(view + 1);
      return;
    }
    TreeMap<ValidatorId, Signed<ViewChange>> vcs = round.viewChanges.get(view);
    Signed<ViewChange> mine = vcs == null ? null : vcs.get(self);
    int left = 0;
    for (Map.Entry<ValidatorId, Integer> e : round.highestViewChange.entrySet()) {
      if (e.getValue() >= view && validators.contains(e.getKey())) {
        left++;
      }
    }
    if (mine == null || left >= validators.quorum()) {
      // PBFT: 2f+1 left the old view (asking for this view or a later one) yet no valid new-view
      // came in time, so the new primary is faulty or slow: move on, with a doubled timeout.
      // Counting later views too matters: a validator that already moved further up (and may
      // have lost its older view change in a restart) must still pull the others up.
      startViewChange(view + 1);
    } else {
      // Fewer than 2f+1 are here yet. Escalating alone would let views drift apart forever at
      // the capped timeout; instead re-send our view change (it may have been lost) and wait.
      emit(new Effect.Broadcast(viewChangePacket(mine)));
      emit(new Effect.StartTimer(new TimerKey(height, view), config.roundTimeoutMillis(view)));
    }
  }

  private void onProposalReady(Event.ProposalReady e) {
    if (e.height() != height || e.view() != view || decided || !isPrimary(view)
        || !isValidator()) {
      counters.stale++;
      return;
    }
    Block b = e.block();
    round.offerBlock(b);
    if (!round.blocks.get(b.hash()).equals(b)) {
      counters.invalid++;
      return;
    }
    // The node built it on our parent, so it is valid here by construction.
    round.validity.put(b.hash(), true);
    if (inViewChange) {
      round.freshProposal = b;
      round.freshProposalView = view;
      tryNewView();
      return;
    }
    Round.ViewLog log = round.view(view);
    if (view != 0 || log.prePrepare != null) {
      counters.stale++;
      return;
    }
    Signed<PrePrepare> pp = signPrePrepare(new PrePrepare(height, 0, b.hash()), b);
    if (pp == null) {
      return;
    }
    log.prePrepare = pp;
    emit(new Effect.Broadcast(Packet.of(pp, b)));
    checkPrepared();
  }

  private void onValidationResult(Event.ValidationResult e) {
    Block b = e.block();
    Block known = round.blocks.get(b.hash());
    if (b.height() != height || known == null || !known.equals(b)) {
      counters.stale++;
      return;
    }
    round.validating.remove(b.hash());
    round.validity.put(b.hash(), e.valid());
    if (decided) {
      return;
    }
    Round.ViewLog log = round.views.get(view);
    boolean current = !inViewChange && log != null && log.prePrepare != null
        && log.prePrepare.message().blockHash().equals(b.hash());
    if (!e.valid()) {
      counters.invalidProposals++;
      if (current) {
        startViewChange(view + 1);
      }
      return;
    }
    if (current) {
      tryPrepare();
    }
    if (inViewChange && isPrimary(view)) {
      tryNewView();
    }
    if (round.pendingCertificate != null) {
      tryDecide(round.pendingCertificate);
    }
    for (Integer v : new ArrayList<>(round.views.keySet())) {
      checkDecide(v);
    }
  }

  // ================================================================== signing under the safety state

  private <M extends Message> Signed<M> sign(M m) {
    return new Signed<>(m, self, signer.sign(codec.digest(m)));
  }

  private void persist(SafetyState s) {
    safety = s;
    emit(new Effect.PersistSafetyState(s));
  }

  /**
   * Each sign* method is the only way to produce that kind of vote. It reuses the saved message
   * when the slot (height, view, kind) was already signed with the same value, refuses when it
   * was signed with another value, and otherwise persists before the caller sends.
   */
  private Signed<PrePrepare> signPrePrepare(PrePrepare pp, Block block) {
    Optional<Signed<PrePrepare>> saved = safety.prePrepare();
    if (saved.isPresent() && saved.get().message().view() == pp.view()) {
      return sameOrRefuse(saved.get(), pp);
    }
    if (pp.view() < safety.view()) {
      counters.doubleSignRefused++;
      return null;
    }
    Signed<PrePrepare> s = sign(pp);
    persist(safety.withPrePrepare(s, block));
    return s;
  }

  private Signed<Prepare> signPrepare(Prepare p) {
    Optional<Signed<Prepare>> saved = safety.prepare();
    if (saved.isPresent() && saved.get().message().view() == p.view()) {
      return sameOrRefuse(saved.get(), p);
    }
    if (p.view() < safety.view()) {
      counters.doubleSignRefused++;
      return null;
    }
    Signed<Prepare> s = sign(p);
    persist(safety.withPrepare(s));
    return s;
  }

  private Signed<Commit> signCommit(Commit c, PreparedCertificate cert, Block block) {
    Optional<Signed<Commit>> saved = safety.commit();
    if (saved.isPresent() && saved.get().message().view() == c.view()) {
      return sameOrRefuse(saved.get(), c);
    }
    if (c.view() < safety.view()) {
      counters.doubleSignRefused++;
      return null;
    }
    Signed<Commit> s = sign(c);
    persist(safety.withCommit(s, cert, block));
    return s;
  }

  private Signed<ViewChange> signViewChange(ViewChange vc) {
    Optional<Signed<ViewChange>> saved = safety.viewChange();
    if (saved.isPresent() && saved.get().message().newView() == vc.newView()) {
      return saved.get();
    }
    if (vc.newView() < safety.view()) {
      counters.doubleSignRefused++;
      return null;
    }
    Signed<ViewChange> s = sign(vc);
    persist(safety.withViewChange(s));
    return s;
  }

  private <M extends Message> Signed<M> sameOrRefuse(Signed<M> saved, M wanted) {
    if (saved.message().equals(wanted)) {
      return saved;
    }
    counters.doubleSignRefused++;
    return null;
  }

  // ================================================================== helpers

  /** A second message for a slot already filled: a duplicate, or a signed equivocation. */
  private void slotTaken(Signed<? extends Message> known, Signed<? extends Message> incoming) {
    if (known.equals(incoming)) {
      counters.duplicate++;
    } else if (verified(incoming)) {
      counters.equivocations++;
    } else {
      counters.badSignature++;
    }
  }

  private boolean verified(Signed<? extends Message> s) {
    if (round != null && round.verified.contains(s)) {
      return true;
    }
    boolean ok = codec.verify(s, verifier);
    if (ok && round != null && round.verified.size() < 16_384) {
      round.verified.add(s);
    }
    return ok;
  }

  private ValidatorId proposer(int v) {
    return selector.proposer(validators, height, v);
  }

  private boolean isPrimary(int v) {
    return proposer(v).equals(self);
  }

  private boolean isValidator() {
    return validators.contains(self);
  }

  private void emit(Effect e) {
    out.add(e);
  }
}
