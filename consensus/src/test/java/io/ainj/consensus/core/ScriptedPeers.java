package io.ainj.consensus.core;

import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.Message;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.messages.PreparedCertificate;
import io.ainj.consensus.messages.Signed;
import io.ainj.consensus.messages.ViewChange;
import io.ainj.consensus.sim.SimBlocks;
import io.ainj.consensus.sim.SimKeys;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.ProposerSelector;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test harness in the style of Besu's QBFT tests: one real state machine under test, the other
 * validators are scripted peers whose signed messages the test injects by hand; timers fire only
 * when the test says so. No sockets, threads or sleeps. Shipped in the test-jar.
 */
public final class ScriptedPeers {
  public final ConsensusConfig config;
  public final SimKeys keys;
  public final ValidatorSet validators;
  public final MessageCodec codec;
  /** Index (in {@link #keys}) of the validator under test. */
  public final int me;
  public ConsensusStateMachine machine;
  /** Every effect the machine produced since the last {@link #clear()}. */
  public final List<Effect> effects = new ArrayList<>();

  public ScriptedPeers(int n, ConsensusConfig config, int me) {
    this.config = config;
    this.keys = SimKeys.fast(n);
    List<ValidatorId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(keys.id(i));
    }
    this.validators = ValidatorSet.of(ids);
    this.codec = MessageCodec.of(config);
    this.me = me;
    this.machine = newMachine();
  }

  /** A harness whose machine under test is the validator at {@code position} of the sorted set. */
  public static ScriptedPeers atPosition(int n, ConsensusConfig config, int position) {
    ScriptedPeers probe = new ScriptedPeers(n, config, 0);
    ValidatorId target = probe.validators.get(position);
    for (int i = 0; i < n; i++) {
      if (probe.keys.id(i).equals(target)) {
        return new ScriptedPeers(n, config, i);
      }
    }
    throw new IllegalStateException();
  }

  public ConsensusStateMachine newMachine() {
    return new ConsensusStateMachine(config, keys.signer(me), keys.verifier(),
        ProposerSelector.ROUND_ROBIN);
  }

  public ValidatorId id(int index) {
    return keys.id(index);
  }

  /** The key index of the validator at {@code position} of the sorted set. */
  public int indexOf(ValidatorId id) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.id(i).equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a validator: " + id);
  }

  public int primary(long height, int view) {
    return indexOf(ProposerSelector.ROUND_ROBIN.proposer(validators, height, view));
  }

  /** Key indices of the validators other than the one under test, in set order. */
  public List<Integer> others() {
    List<Integer> out = new ArrayList<>();
    for (ValidatorId id : validators.validators()) {
      int i = indexOf(id);
      if (i != me) {
        out.add(i);
      }
    }
    return out;
  }

  public List<Effect> handle(Event e) {
    List<Effect> out = machine.handle(e);
    effects.addAll(out);
    return out;
  }

  public List<Effect> start(long committedHeight, Optional<SafetyState> safety) {
    return handle(new Event.Start(committedHeight, genesisHash(committedHeight), Optional.empty(),
        validators, safety));
  }

  public static Hash genesisHash(long height) {
    return SimBlocks.genesisHash();
  }

  public <M extends Message> Signed<M> sign(int author, M m) {
    return new Signed<>(m, keys.id(author), keys.signer(author).sign(codec.digest(m)));
  }

  public List<Effect> deliver(Signed<? extends Message> s) {
    return handle(new Event.MessageReceived(Packet.of(s)));
  }

  public List<Effect> deliver(Signed<? extends Message> s, Block block) {
    return handle(new Event.MessageReceived(Packet.of(s, block)));
  }

  public Block block(long height, Hash parent, long nonce) {
    return SimBlocks.build(height, parent, 0, nonce, true);
  }

  /** A prepared certificate for {@code block} at (height, view) signed by scripted peers. */
  public PreparedCertificate prepared(long height, int view, Block block) {
    int primary = primary(height, view);
    Signed<PrePrepare> pp = sign(primary, new PrePrepare(height, view, block.hash()));
    List<Signed<Prepare>> prepares = new ArrayList<>();
    for (ValidatorId id : validators.validators()) {
      int i = indexOf(id);
      if (i != primary && prepares.size() < validators.quorum() - 1) {
        prepares.add(sign(i, new Prepare(height, view, block.hash())));
      }
    }
    return new PreparedCertificate(pp, prepares);
  }

  public Signed<ViewChange> viewChange(int author, long height, int newView,
      Optional<PreparedCertificate> p) {
    return sign(author, new ViewChange(height, newView, p));
  }

  public Signed<Commit> commit(int author, long height, int view, Hash hash) {
    return sign(author, new Commit(height, view, hash));
  }

  public void clear() {
    effects.clear();
  }

  @SuppressWarnings("unchecked")
  public <T extends Effect> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Effect e : effects) {
      if (type.isInstance(e)) {
        out.add((T) e);
      }
    }
    return out;
  }

  /** Messages of {@code type} the machine broadcast since the last clear. */
  public <M extends Message> List<M> broadcast(Class<M> type) {
    List<M> out = new ArrayList<>();
    for (Effect.Broadcast b : all(Effect.Broadcast.class)) {
      Message m = b.packet().message().message();
      if (type.isInstance(m)) {
        out.add(type.cast(m));
      }
    }
    return out;
  }
}
