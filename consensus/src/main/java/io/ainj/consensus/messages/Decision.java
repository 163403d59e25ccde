package io.ainj.consensus.messages;

import java.util.Objects;

/**
 * A commit certificate handed to a validator still working on a height the sender has decided
 * (PBFT retransmits for the same reason). It proves itself: the receiver checks the 2f+1 seals
 * against its validator set, so individual commits that an equivocator poisoned in its log do
 * not matter. The outer signature only identifies the relaying validator.
 */
public record Decision(CommitCertificate certificate) implements Message {
  public static final int TAG = 7;

  public Decision {
    Objects.requireNonNull(certificate, "certificate");
  }

  @Override
  public long height() {
    return certificate.height();
  }

  @Override
  public int tag() {
    return TAG;
  }
}
