package io.ainj.consensus.messages;

/**
 * A PBFT message body (what is signed). Heights play the role of PBFT sequence numbers: one
 * sequence number per block height.
 */
public sealed interface Message
    permits PrePrepare, Prepare, Commit, ViewChange, NewView, Checkpoint, Decision {
  long height();

  /** One-byte tag of the canonical encoding; never reuse a retired value. */
  int tag();
}
