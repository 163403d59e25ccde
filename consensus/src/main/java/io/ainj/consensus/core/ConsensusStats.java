package io.ainj.consensus.core;

/**
 * A snapshot of the state machine's counters. Every dropped input is counted under exactly one
 * reason; {@code node} exports these to its metrics registry.
 *
 * @param received packets handed to the machine
 * @param badSignature signatures (outer or nested) that did not verify
 * @param unknownAuthor messages from non-validators of the height
 * @param invalid well-signed messages that break a protocol rule (wrong primary, bad
 *     certificate, new-view that does not re-propose the forced value...)
 * @param duplicate exact repeats of messages already held
 * @param equivocations a validator signed two different messages for one slot
 * @param stale messages, timers and port answers for heights or views already left
 * @param futureBuffered messages for later heights kept for replay
 * @param futureDropped messages for later heights dropped (too far, or buffer bound reached)
 * @param ownEcho own messages that came back from the network
 * @param timeouts round timers that fired while they mattered
 * @param viewChanges views this node moved to by sending a view change
 * @param newViewsAccepted new-view messages accepted (including own)
 * @param decided blocks decided by this node's own commit quorum
 * @param syncRequests block-sync requests emitted
 * @param relays messages re-sent to lagging peers
 * @param invalidProposals proposals that the validation port rejected
 * @param doubleSignRefused signing refused because the safety state holds a different value
 * @param stableCheckpoints checkpoints that became stable
 */
public record ConsensusStats(
    long received,
    long badSignature,
    long unknownAuthor,
    long invalid,
    long duplicate,
    long equivocations,
    long stale,
    long futureBuffered,
    long futureDropped,
    long ownEcho,
    long timeouts,
    long viewChanges,
    long newViewsAccepted,
    long decided,
    long syncRequests,
    long relays,
    long invalidProposals,
    long doubleSignRefused,
    long stableCheckpoints) {

  /** Mutable twin used inside the single-threaded machine. */
  static final class Counters {
    long received;
    long badSignature;
    long unknownAuthor;
    long invalid;
    long duplicate;
    long equivocations;
    long stale;
    long futureBuffered;
    long futureDropped;
    long ownEcho;
    long timeouts;
    long viewChanges;
    long newViewsAccepted;
    long decided;
    long syncRequests;
    long relays;
    long invalidProposals;
    long doubleSignRefused;
    long stableCheckpoints;

    ConsensusStats snapshot() {
      return new ConsensusStats(received, badSignature, unknownAuthor, invalid, duplicate,
          equivocations, stale, futureBuffered, futureDropped, ownEcho, timeouts, viewChanges,
          newViewsAccepted, decided, syncRequests, relays, invalidProposals, doubleSignRefused,
          stableCheckpoints);
    }
  }

  /** Sum of all drop reasons: inputs that changed nothing. */
  public long dropped() {
    return badSignature + unknownAuthor + invalid + duplicate + equivocations + stale
        + futureDropped + ownEcho;
  }
}
