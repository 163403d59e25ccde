package io.ainj.consensus.messages;

import io.ainj.consensus.types.Hash;
import java.util.List;
import java.util.Objects;

/**
 * Proof that a value was prepared at (height, view): the primary's pre-prepare plus 2f matching
 * prepares from distinct backups (PBFT's prepared predicate; the pre-prepare stands for the
 * primary's vote, so 2f+1 validators in total). Structural checks only; signatures and quorum are
 * checked by the state machine against the validator set.
 */
public record PreparedCertificate(Signed<PrePrepare> prePrepare, List<Signed<Prepare>> prepares) {
  public PreparedCertificate {
    Objects.requireNonNull(prePrepare, "prePrepare");
    prepares = List.copyOf(prepares);
    PrePrepare pp = prePrepare.message();
    for (Signed<Prepare> p : prepares) {
      Prepare m = p.message();
      if (m.height() != pp.height() || m.view() != pp.view() || !m.blockHash().equals(pp.blockHash())) {
        throw new IllegalArgumentException("prepares must match the pre-prepare");
      }
    }
  }

  public long height() {
    return prePrepare.message().height();
  }

  public int view() {
    return prePrepare.message().view();
  }

  public Hash blockHash() {
    return prePrepare.message().blockHash();
  }
}
