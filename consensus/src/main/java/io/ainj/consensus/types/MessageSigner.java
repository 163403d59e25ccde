package io.ainj.consensus.types;

/**
 * Signs consensus message digests with this node's validator key. The digest is the AIN message
 * hash of the message's canonical encoding (see {@code io.ainj.consensus.messages.MessageCodec}).
 *
 * <p>Called on the consensus thread a handful of times per height (one pre-prepare, prepare,
 * commit and occasionally a view change or checkpoint), so a plain synchronous implementation is
 * fine. It must be deterministic only in the sense that the same digest may be signed twice; the
 * state machine never asks for two different digests at one (height, view, kind) slot.
 */
public interface MessageSigner {
  /** The address the signatures recover to; must be a member of the validator set to vote. */
  ValidatorId id();

  Signature sign(byte[] digest32);
}
