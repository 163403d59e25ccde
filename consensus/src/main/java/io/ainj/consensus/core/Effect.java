package io.ainj.consensus.core;

import io.ainj.consensus.messages.CheckpointCertificate;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.ValidatorId;
import java.util.Objects;

/**
 * What the state machine asks {@code node} to do, in list order. Order matters: a {@link
 * PersistSafetyState} precedes the vote it protects.
 */
public sealed interface Effect {

  /** Send to every other validator of the current height. */
  record Broadcast(Packet packet) implements Effect {
    public Broadcast {
      Objects.requireNonNull(packet, "packet");
    }
  }

  /** Send to one validator (relays to a lagging peer). */
  record Send(ValidatorId to, Packet packet) implements Effect {
    public Send {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(packet, "packet");
    }
  }

  /** Start (or restart, replacing the running one) the timer {@code key}. */
  record StartTimer(TimerKey key, long delayMillis) implements Effect {}

  record CancelTimer(TimerKey key) implements Effect {}

  /** Build a block on {@code parentHash} for (height, view); answer with ProposalReady. */
  record RequestProposal(long height, int view, Hash parentHash) implements Effect {}

  /** Validate {@code block} on {@code parentHash}; answer with ValidationResult. */
  record RequestValidation(Hash parentHash, Block block) implements Effect {}

  /** The block is decided: apply and store it with its certificate, then answer Committed. */
  record CommitBlock(Block block, CommitCertificate certificate) implements Effect {}

  /** Durably save this state (replacing the previous one) before executing later effects. */
  record PersistSafetyState(SafetyState state) implements Effect {}

  /**
   * Peers are ahead: fetch blocks with commit certificates from {@code fromHeight} up to at least
   * {@code targetHeight}, verify and apply them, and report each with Committed.
   */
  record RequestSync(long fromHeight, long targetHeight) implements Effect {}

  /** 2f+1 validators signed the same checkpoint; store the proof for state sync. */
  record CheckpointStable(CheckpointCertificate certificate) implements Effect {}
}
