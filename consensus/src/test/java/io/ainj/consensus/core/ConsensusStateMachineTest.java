package io.ainj.consensus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.consensus.messages.Checkpoint;
import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.Decision;
import io.ainj.consensus.messages.NewView;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.messages.PreparedCertificate;
import io.ainj.consensus.messages.Seal;
import io.ainj.consensus.messages.Signed;
import io.ainj.consensus.messages.ViewChange;
import io.ainj.consensus.sim.SimKeys;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsensusStateMachineTest {
  static final ConsensusConfig CFG =
      ConsensusConfig.DEFAULTS.withRoundTimeouts(1_000, 8_000).withCheckpointInterval(2);

  /** Validator under test at sorted position 0: backup in view 0 of height 1. */
  ScriptedPeers backup() {
    ScriptedPeers t = ScriptedPeers.atPosition(4, CFG, 0);
    t.start(0, Optional.empty());
    return t;
  }

  Block proposal(ScriptedPeers t) {
    return t.block(1, ScriptedPeers.genesisHash(0), 7);
  }

  /** Drives the backup through pre-prepare and validation; returns the proposed block. */
  Block prePrepared(ScriptedPeers t) {
    Block b = proposal(t);
    int primary = t.primary(1, 0);
    t.deliver(t.sign(primary, new PrePrepare(1, 0, b.hash())), b);
    t.handle(new Event.ValidationResult(b, true));
    return b;
  }

  @Test
  void backupPreparesCommitsAndDecidesWithACertificate() {
    ScriptedPeers t = backup();
    assertTrue(t.all(Effect.RequestProposal.class).isEmpty(), "a backup does not propose");
    assertEquals(new TimerKey(1, 0), t.all(Effect.StartTimer.class).get(0).key());
    t.clear();

    Block b = proposal(t);
    int primary = t.primary(1, 0);
    List<Effect> out = t.deliver(t.sign(primary, new PrePrepare(1, 0, b.hash())), b);
    assertEquals(List.of(new Effect.RequestValidation(ScriptedPeers.genesisHash(0), b)), out);

    out = t.handle(new Event.ValidationResult(b, true));
    // The vote is persisted before it is sent.
    assertInstanceOf(Effect.PersistSafetyState.class, out.get(0));
    assertEquals(new Prepare(1, 0, b.hash()),
        ((Effect.Broadcast) out.get(1)).packet().message().message());
    assertTrue(((Effect.PersistSafetyState) out.get(0)).state().prepare().isPresent());

    List<Integer> backups = new ArrayList<>(t.others());
    backups.remove(Integer.valueOf(primary));
    out = t.deliver(t.sign(backups.get(0), new Prepare(1, 0, b.hash())));
    assertInstanceOf(Effect.PersistSafetyState.class, out.get(0));
    SafetyState s = ((Effect.PersistSafetyState) out.get(0)).state();
    assertTrue(s.prepared().isPresent() && s.preparedBlock().get().equals(b),
        "the prepared certificate and block are saved with the commit");
    assertEquals(new Commit(1, 0, b.hash()),
        ((Effect.Broadcast) out.get(1)).packet().message().message());

    t.deliver(t.commit(primary, 1, 0, b.hash()));
    t.clear();
    out = t.deliver(t.commit(backups.get(0), 1, 0, b.hash()));
    List<Effect.CommitBlock> commits = t.all(Effect.CommitBlock.class);
    assertEquals(1, commits.size());
    CommitCertificate cert = commits.get(0).certificate();
    assertEquals(b, commits.get(0).block());
    assertEquals(3, cert.seals().size());
    assertTrue(cert.verify(t.validators, t.keys.verifier(), t.codec));
    assertTrue(t.machine.decided());
    assertEquals(1, t.machine.stats().decided());
  }

  @Test
  void primaryAsksForAProposalAndPrePreparesIt() {
    ScriptedPeers t = ScriptedPeers.atPosition(4, CFG, 1);
    t.start(0, Optional.empty());
    assertEquals(List.of(new Effect.RequestProposal(1, 0, ScriptedPeers.genesisHash(0))),
        t.all(Effect.RequestProposal.class));
    t.clear();
    Block b = proposal(t);
    List<Effect> out = t.handle(new Event.ProposalReady(1, 0, b));
    assertInstanceOf(Effect.PersistSafetyState.class, out.get(0));
    Effect.Broadcast pp = (Effect.Broadcast) out.get(1);
    assertEquals(new PrePrepare(1, 0, b.hash()), pp.packet().message().message());
    assertEquals(Optional.of(b), pp.packet().block());
    // The primary does not send a prepare of its own: its pre-prepare is its vote.
    assertTrue(t.broadcast(Prepare.class).isEmpty());
  }

  @Test
  void invalidDuplicateStaleAndForgedInputIsCountedNeverThrown() {
    ScriptedPeers t = backup();
    Block b = proposal(t);
    int primary = t.primary(1, 0);
    int notPrimary = t.others().stream().filter(i -> i != primary).findFirst().get();
    t.clear();

    // Pre-prepare from a validator that is not the primary.
    t.deliver(t.sign(notPrimary, new PrePrepare(1, 0, b.hash())), b);
    assertEquals(1, t.machine.stats().invalid());
    // Forged signature.
    Signed<Prepare> forged = new Signed<>(new Prepare(1, 0, b.hash()), t.id(notPrimary),
        Signature.of(new byte[16]));
    t.deliver(forged);
    assertEquals(1, t.machine.stats().badSignature());
    // Unknown author.
    SimKeys strangers = SimKeys.fast(9);
    Prepare p = new Prepare(1, 0, b.hash());
    t.deliver(new Signed<>(p, strangers.id(8), strangers.signer(8).sign(t.codec.digest(p))));
    assertEquals(1, t.machine.stats().unknownAuthor());
    // Duplicate and equivocation.
    t.deliver(t.sign(notPrimary, new Prepare(1, 0, b.hash())));
    t.deliver(t.sign(notPrimary, new Prepare(1, 0, b.hash())));
    assertEquals(1, t.machine.stats().duplicate());
    t.deliver(t.sign(notPrimary, new Prepare(1, 0, Hash.fromHex("11".repeat(32)))));
    assertEquals(1, t.machine.stats().equivocations());
    // Stale height and a pre-prepare without its block.
    t.deliver(t.sign(notPrimary, new Prepare(0, 0, b.hash())));
    assertEquals(1, t.machine.stats().stale());
    t.deliver(t.sign(primary, new PrePrepare(1, 0, b.hash())));
    assertEquals(2, t.machine.stats().invalid());
    // A prepare from the primary (PBFT primaries do not prepare).
    t.deliver(t.sign(primary, new Prepare(1, 0, b.hash())));
    assertEquals(3, t.machine.stats().invalid());
    // Own messages echoed back.
    t.deliver(t.sign(t.me, new Prepare(1, 0, b.hash())));
    assertEquals(1, t.machine.stats().ownEcho());
    // A stale timer and stale port answers.
    t.handle(new Event.TimerFired(new TimerKey(1, 5)));
    t.handle(new Event.ValidationResult(t.block(1, b.hash(), 99), true));
    t.handle(new Event.ProposalReady(1, 0, b));
    assertEquals(4, t.machine.stats().stale());
    assertTrue(t.all(Effect.Broadcast.class).isEmpty(), "nothing above may produce a vote");
    assertEquals(t.machine.stats().received(), 10);
  }

  @Test
  void eventsBeforeStartAreABrokenInvariant() {
    ScriptedPeers t = ScriptedPeers.atPosition(4, CFG, 0);
    assertThrows(IllegalStateException.class,
        () -> t.handle(new Event.TimerFired(new TimerKey(1, 0))));
  }

  @Test
  void futureMessagesAreBufferedBoundedAndReplayedAtTheirHeight() {
    ScriptedPeers t = backup();
    Block b2 = t.block(2, Hash.fromHex("22".repeat(32)), 1);
    int primary2 = t.primary(2, 0);
    t.deliver(t.sign(primary2, new PrePrepare(2, 0, b2.hash())), b2);
    assertEquals(1, t.machine.bufferedFutureMessages());
    // Beyond the window: dropped.
    t.deliver(t.sign(primary2, new PrePrepare(100, 0, b2.hash())), b2);
    assertEquals(1, t.machine.stats().futureDropped());
    t.clear();
    CommitCertificate cert = new CommitCertificate(1, 0, Hash.fromHex("22".repeat(32)),
        List.of());
    t.handle(new Event.Committed(1, Hash.fromHex("22".repeat(32)), cert, t.validators));
    assertEquals(2, t.machine.height());
    assertEquals(0, t.machine.bufferedFutureMessages());
    assertEquals(1, t.all(Effect.RequestValidation.class).size(), "replayed pre-prepare");

    // Bound: one sender can fill only its share of the buffer.
    ConsensusConfig small = CFG.withMaxBufferedMessages(8);
    ScriptedPeers u = ScriptedPeers.atPosition(4, small, 0);
    u.start(0, Optional.empty());
    int sender = u.others().get(0);
    for (int i = 0; i < 20; i++) {
      u.deliver(u.sign(sender, new Prepare(2, i, b2.hash())));
    }
    assertTrue(u.machine.bufferedFutureMessages() <= 2);
    assertEquals(20 - u.machine.bufferedFutureMessages(), u.machine.stats().futureDropped());
  }

  @Test
  void fPlusOneValidatorsAheadTriggerBlockSync() {
    ScriptedPeers t = backup();
    Block b = t.block(5, Hash.fromHex("33".repeat(32)), 1);
    List<Integer> others = t.others();
    t.deliver(t.sign(others.get(0), new Prepare(5, 0, b.hash())));
    assertTrue(t.all(Effect.RequestSync.class).isEmpty(), "one validator ahead may be lying");
    t.deliver(t.sign(others.get(1), new Prepare(6, 0, b.hash())));
    assertEquals(List.of(new Effect.RequestSync(1, 4)), t.all(Effect.RequestSync.class));
  }

  @Test
  void timeoutStartsAViewChangeAndTheTimerBacksOff() {
    ScriptedPeers t = backup();
    t.clear();
    List<Effect> out = t.handle(new Event.TimerFired(new TimerKey(1, 0)));
    assertEquals(1, t.machine.view());
    assertTrue(t.machine.inViewChange());
    assertEquals(new Effect.StartTimer(new TimerKey(1, 1), 2_000),
        t.all(Effect.StartTimer.class).get(0));
    int persist = indexOf(out, Effect.PersistSafetyState.class);
    int vc = indexOf(out, Effect.Broadcast.class);
    assertTrue(persist >= 0 && persist < vc, "the view change is persisted before it is sent");
    assertEquals(new ViewChange(1, 1, Optional.empty()), t.broadcast(ViewChange.class).get(0));

    // Alone in view 1 the timer only re-sends the view change (no drifting ahead) ...
    t.clear();
    t.handle(new Event.TimerFired(new TimerKey(1, 1)));
    assertEquals(1, t.machine.view());
    assertEquals(1, t.broadcast(ViewChange.class).size());
    // ... but once 2f+1 left view 0, a silent new primary makes it move on, timer doubled.
    for (int i : t.others().subList(0, 2)) {
      t.deliver(t.viewChange(i, 1, 1, Optional.empty()));
    }
    t.clear();
    t.handle(new Event.TimerFired(new TimerKey(1, 1)));
    assertEquals(2, t.machine.view());
    assertEquals(new Effect.StartTimer(new TimerKey(1, 2), 4_000),
        t.all(Effect.StartTimer.class).get(0));
    assertEquals(8_000, CFG.roundTimeoutMillis(30), "the back-off is capped");
  }

  @Test
  void fPlusOneViewChangesForLaterViewsPullTheNodeAlong() {
    ScriptedPeers t = backup();
    List<Integer> others = t.others();
    t.deliver(t.viewChange(others.get(0), 1, 3, Optional.empty()));
    assertEquals(0, t.machine.view());
    t.deliver(t.viewChange(others.get(1), 1, 2, Optional.empty()));
    assertEquals(2, t.machine.view(), "joins the highest view f+1 validators back");
    assertTrue(t.machine.inViewChange());
  }

  @Test
  void newPrimaryReProposesTheHighestPreparedValue() {
    // Position 2 is the primary of view 1 at height 1.
    ScriptedPeers t = ScriptedPeers.atPosition(4, CFG, 2);
    t.start(0, Optional.empty());
    Block old = t.block(1, ScriptedPeers.genesisHash(0), 1);
    Block newer = t.block(1, ScriptedPeers.genesisHash(0), 2);
    PreparedCertificate p0 = t.prepared(1, 0, old);
    List<Integer> others = t.others();
    t.handle(new Event.TimerFired(new TimerKey(1, 0)));
    t.clear();
    t.deliver(t.viewChange(others.get(0), 1, 1, Optional.of(p0)), old);
    t.deliver(t.viewChange(others.get(1), 1, 1, Optional.empty()));
    // The re-proposed block was prepared by a quorum but this node validates it first.
    Effect.RequestValidation rv = t.all(Effect.RequestValidation.class).get(0);
    assertEquals(old, rv.block());
    t.clear();
    t.handle(new Event.ValidationResult(old, true));
    List<NewView> nvs = t.broadcast(NewView.class);
    assertEquals(1, nvs.size());
    assertEquals(old.hash(), nvs.get(0).prePrepare().message().blockHash());
    assertTrue(t.all(Effect.RequestProposal.class).isEmpty(), "no fresh block when one is forced");
    assertFalse(t.machine.inViewChange());
    assertFalse(newer.hash().equals(nvs.get(0).prePrepare().message().blockHash()));
  }

  @Test
  void newPrimaryProposesAFreshBlockWhenNothingWasPrepared() {
    ScriptedPeers t = ScriptedPeers.atPosition(4, CFG, 2);
    t.start(0, Optional.empty());
    // Height 1, view 0: position 1 proposes (round robin over height + view).
    assertEquals(t.validators.get(1), t.machine.primary());
    t.handle(new Event.TimerFired(new TimerKey(1, 0)));
    assertEquals(t.id(t.me), t.machine.primary(), "in view 1 this node is the one to propose");
    List<Integer> others = t.others();
    t.deliver(t.viewChange(others.get(0), 1, 1, Optional.empty()));
    t.clear();
    t.deliver(t.viewChange(others.get(1), 1, 1, Optional.empty()));
    assertEquals(List.of(new Effect.RequestProposal(1, 1, ScriptedPeers.genesisHash(0))),
        t.all(Effect.RequestProposal.class));
    Block fresh = t.block(1, ScriptedPeers.genesisHash(0), 5);
    t.clear();
    t.handle(new Event.ProposalReady(1, 1, fresh));
    NewView nv = t.broadcast(NewView.class).get(0);
    assertEquals(fresh.hash(), nv.prePrepare().message().blockHash());
    assertEquals(3, nv.viewChanges().size());
  }

  /** Replica side: a new-view whose pre-prepare is not the forced value is rejected. */
  @Test
  void replicaRejectsANewViewThatIgnoresThePreparedValue() {
    ScriptedPeers t = backup();
    Block prepared = t.block(1, ScriptedPeers.genesisHash(0), 1);
    Block other = t.block(1, ScriptedPeers.genesisHash(0), 2);
    int primary1 = t.primary(1, 1);
    List<Signed<ViewChange>> vcs = new ArrayList<>();
    List<Integer> voters = new ArrayList<>(t.others());
    vcs.add(t.viewChange(voters.get(0), 1, 1, Optional.of(t.prepared(1, 0, prepared))));
    vcs.add(t.viewChange(voters.get(1), 1, 1, Optional.empty()));
    vcs.add(t.viewChange(voters.get(2), 1, 1, Optional.empty()));

    Signed<PrePrepare> bad = t.sign(primary1, new PrePrepare(1, 1, other.hash()));
    t.deliver(t.sign(primary1, new NewView(1, 1, vcs, bad)), other);
    assertEquals(0, t.machine.stats().newViewsAccepted());
    assertEquals(1, t.machine.stats().invalid());

    // Too few view changes are rejected too.
    Signed<PrePrepare> good = t.sign(primary1, new PrePrepare(1, 1, prepared.hash()));
    t.deliver(t.sign(primary1, new NewView(1, 1, vcs.subList(0, 2), good)), prepared);
    assertEquals(2, t.machine.stats().invalid());

    // The correct one is accepted and moves the replica to view 1.
    t.clear();
    t.deliver(t.sign(primary1, new NewView(1, 1, vcs, good)), prepared);
    assertEquals(1, t.machine.stats().newViewsAccepted());
    assertEquals(1, t.machine.view());
    assertFalse(t.machine.inViewChange());
    assertEquals(prepared, t.all(Effect.RequestValidation.class).get(0).block());
  }

  @Test
  void aForgedPreparedCertificateInAViewChangeIsRejected() {
    ScriptedPeers t = backup();
    Block b = t.block(1, ScriptedPeers.genesisHash(0), 1);
    PreparedCertificate real = t.prepared(1, 0, b);
    // Only one prepare: not 2f matching prepares.
    PreparedCertificate thin = new PreparedCertificate(real.prePrepare(),
        real.prepares().subList(0, 1));
    t.deliver(t.viewChange(t.others().get(0), 1, 1, Optional.of(thin)), b);
    assertEquals(1, t.machine.stats().invalid());
  }

  /** Crash safety: a machine reloaded from its saved state re-sends, never re-signs. */
  @Test
  void restartedMachineNeverSignsASecondValueForTheSameSlot() {
    ScriptedPeers t = backup();
    Block b = prePrepared(t);
    Effect.PersistSafetyState saved = t.all(Effect.PersistSafetyState.class).get(0);
    Signed<Prepare> firstVote = saved.state().prepare().get();

    // Round trip through the byte codec, as node would save and load it.
    SafetyStateCodec codec = new SafetyStateCodec(t.codec);
    SafetyState loaded = codec.decode(codec.encode(saved.state())).value();
    assertEquals(saved.state(), loaded);

    t.machine = t.newMachine();
    t.clear();
    t.start(0, Optional.of(loaded));
    // It re-broadcasts the very same signed prepare.
    List<Effect.Broadcast> resent = t.all(Effect.Broadcast.class);
    assertEquals(1, resent.size());
    assertEquals(firstVote, resent.get(0).packet().message());

    // A (byzantine) primary now shows a different block for the same slot: no second prepare.
    Block other = t.block(1, ScriptedPeers.genesisHash(0), 99);
    t.clear();
    t.deliver(t.sign(t.primary(1, 0), new PrePrepare(1, 0, other.hash())), other);
    t.handle(new Event.ValidationResult(other, true));
    assertTrue(t.broadcast(Prepare.class).isEmpty());
    assertEquals(firstVote, t.machine.safetyState().prepare().get());
    assertEquals(b.hash(), firstVote.message().blockHash());
  }

  @Test
  void restartedMachineResumesItsViewChange() {
    ScriptedPeers t = backup();
    t.handle(new Event.TimerFired(new TimerKey(1, 0)));
    t.handle(new Event.TimerFired(new TimerKey(1, 1)));
    SafetyState s = t.machine.safetyState();
    Signed<ViewChange> vc = s.viewChange().get();
    t.machine = t.newMachine();
    t.clear();
    t.start(0, Optional.of(s));
    assertEquals(vc.message().newView(), t.machine.view());
    assertTrue(t.machine.inViewChange());
    assertEquals(vc, t.all(Effect.Broadcast.class).get(0).packet().message());
    // A saved state of a decided height is ignored.
    ScriptedPeers u = ScriptedPeers.atPosition(4, CFG, 0);
    u.start(5, Optional.of(s));
    assertEquals(6, u.machine.height());
    assertEquals(0, u.machine.view());
  }

  @Test
  void aRelayedCertificateDecidesALaggingReplica() {
    ScriptedPeers t = backup();
    Block b = prePrepared(t);
    List<Seal> seals = new ArrayList<>();
    for (int i : t.others()) {
      Signed<Commit> c = t.commit(i, 1, 0, b.hash());
      seals.add(new Seal(c.author(), c.signature()));
    }
    CommitCertificate cert = new CommitCertificate(1, 0, b.hash(), seals);
    t.clear();
    t.deliver(t.sign(t.others().get(0), new Decision(cert)));
    assertEquals(1, t.all(Effect.CommitBlock.class).size());
    assertEquals(cert, t.all(Effect.CommitBlock.class).get(0).certificate());

    // A certificate with too few valid seals is refused.
    ScriptedPeers u = backup();
    Block c = prePrepared(u);
    CommitCertificate weak = new CommitCertificate(1, 0, c.hash(), seals.subList(0, 2));
    u.deliver(u.sign(u.others().get(0), new Decision(weak)));
    assertTrue(u.all(Effect.CommitBlock.class).isEmpty());
    assertEquals(1, u.machine.stats().invalid());
  }

  @Test
  void decidedNodeHandsItsCertificateToAPeerStuckOnThatHeight() {
    ScriptedPeers t = backup();
    Block b = prePrepared(t);
    for (int i : t.others()) {
      t.deliver(t.commit(i, 1, 0, b.hash()));
    }
    CommitCertificate cert = t.all(Effect.CommitBlock.class).get(0).certificate();
    t.handle(new Event.Committed(1, b.hash(), cert, t.validators));
    t.clear();
    int lagger = t.others().get(1);
    t.deliver(t.viewChange(lagger, 1, 1, Optional.empty()));
    Effect.Send send = t.all(Effect.Send.class).get(0);
    assertEquals(t.id(lagger), send.to());
    assertEquals(new Decision(cert), send.packet().message().message());
  }

  @Test
  void stableCheckpointsGarbageCollectTheDecidedLog() {
    ScriptedPeers t = backup();
    Hash parent = ScriptedPeers.genesisHash(0);
    for (long h = 1; h <= 4; h++) {
      Block b = t.block(h, parent, h);
      List<Seal> seals = new ArrayList<>();
      for (int i : t.others()) {
        Signed<Commit> c = t.commit(i, h, 0, b.hash());
        seals.add(new Seal(c.author(), c.signature()));
      }
      t.clear();
      t.handle(new Event.Committed(h, b.hash(), new CommitCertificate(h, 0, b.hash(), seals),
          t.validators));
      if (h % 2 == 0) {
        assertEquals(List.of(new Checkpoint(h, b.hash())), t.broadcast(Checkpoint.class),
            "every K-th height is checkpointed");
      }
      parent = b.hash();
    }
    // Bounded to K + 1 heights even before any checkpoint is stable.
    assertEquals(3, t.machine.retainedDecidedHeights());
    List<Integer> others = t.others();
    t.clear();
    t.deliver(t.sign(others.get(0), new Checkpoint(4, parent)));
    assertEquals(-1, t.machine.stableCheckpoint());
    t.deliver(t.sign(others.get(1), new Checkpoint(4, parent)));
    assertEquals(4, t.machine.stableCheckpoint());
    Effect.CheckpointStable stable = t.all(Effect.CheckpointStable.class).get(0);
    assertTrue(stable.certificate().verify(t.validators, t.keys.verifier(), t.codec));
    assertEquals(0, t.machine.retainedDecidedHeights());
    assertEquals(1, t.machine.stats().stableCheckpoints());
  }

  @Test
  void validatorSetChangesTakeEffectAtTheHeightBoundary() {
    ScriptedPeers t = backup();
    SimKeys more = SimKeys.fast(7);
    List<ValidatorId> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(more.id(i));
    }
    ValidatorSet seven = ValidatorSet.of(ids);
    // Fast keys are derived from the index, so the first four keep their identity.
    assertTrue(seven.validators().containsAll(t.validators.validators()));
    Block b = t.block(1, ScriptedPeers.genesisHash(0), 1);
    t.handle(new Event.Committed(1, b.hash(), new CommitCertificate(1, 0, b.hash(), List.of()),
        seven));
    assertEquals(seven, t.machine.validators());
    assertEquals(5, t.machine.validators().quorum());
    // A new validator's vote counts from height 2 on.
    Block b2 = t.block(2, b.hash(), 2);
    Prepare p = new Prepare(2, 0, b2.hash());
    t.deliver(new Signed<>(p, more.id(6), more.signer(6).sign(t.codec.digest(p))));
    assertEquals(0, t.machine.stats().unknownAuthor());
    // Removing validators: a set without them refuses their votes at the next height.
    ValidatorSet three = ValidatorSet.of(t.validators.validators().subList(0, 3));
    Block b3 = t.block(3, b2.hash(), 3);
    t.handle(new Event.Committed(2, b2.hash(), new CommitCertificate(2, 0, b2.hash(), List.of()),
        three));
    ValidatorId removed = t.validators.get(3);
    int removedIndex = t.indexOf(removed);
    t.deliver(t.sign(removedIndex, new Prepare(3, 0, b3.hash())));
    assertEquals(1, t.machine.stats().unknownAuthor());
  }

  @Test
  void singleValidatorDecidesAlone() {
    ScriptedPeers t = new ScriptedPeers(1, CFG, 0);
    t.start(0, Optional.empty());
    Block b = t.block(1, ScriptedPeers.genesisHash(0), 1);
    t.handle(new Event.ProposalReady(1, 0, b));
    assertEquals(1, t.all(Effect.CommitBlock.class).size());
  }

  @Test
  void invalidProposalMakesTheReplicaLeaveTheView() {
    ScriptedPeers t = backup();
    Block b = proposal(t);
    t.deliver(t.sign(t.primary(1, 0), new PrePrepare(1, 0, b.hash())), b);
    t.clear();
    t.handle(new Event.ValidationResult(b, false));
    assertEquals(1, t.machine.stats().invalidProposals());
    assertEquals(1, t.machine.view());
    assertEquals(1, t.broadcast(ViewChange.class).size());
    assertTrue(t.broadcast(Prepare.class).isEmpty());
  }

  @Test
  void packetCarriesItsBlockThroughTheCodec() {
    ScriptedPeers t = backup();
    Block b = proposal(t);
    Packet p = Packet.of(t.sign(1, new PrePrepare(1, 0, b.hash())), b);
    assertEquals(p, t.codec.decode(t.codec.encode(p)).value());
  }

  private static int indexOf(List<Effect> effects, Class<?> type) {
    for (int i = 0; i < effects.size(); i++) {
      if (type.isInstance(effects.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
