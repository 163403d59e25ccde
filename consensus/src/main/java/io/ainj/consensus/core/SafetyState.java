package io.ainj.consensus.core;

import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.messages.PreparedCertificate;
import io.ainj.consensus.messages.Signed;
import io.ainj.consensus.messages.ViewChange;
import io.ainj.consensus.types.Block;
import java.util.Objects;
import java.util.Optional;

/**
 * What a validator must remember across a crash to stay safe at the undecided height: the highest
 * view it entered and the last message of each kind it signed there, plus its highest prepared
 * certificate (PBFT's P) with the block it certifies.
 *
 * <p>Why each field: a restarted node that forgot its signed prepare or commit could sign a
 * different value in the same view (equivocation, breaking quorum intersection); one that forgot
 * its view could vote in a view it already abandoned in a view change (its view-change promised
 * not to); one that forgot P could send a view change without it, letting a new view drop a
 * committed value. Messages are kept whole so a restarted node re-sends the very same signed
 * bytes instead of signing again.
 */
public record SafetyState(
    long height,
    int view,
    Optional<Signed<PrePrepare>> prePrepare,
    Optional<Block> proposedBlock,
    Optional<Signed<Prepare>> prepare,
    Optional<Signed<Commit>> commit,
    Optional<Signed<ViewChange>> viewChange,
    Optional<PreparedCertificate> prepared,
    Optional<Block> preparedBlock) {

  public SafetyState {
    if (height < 0 || view < 0) {
      throw new IllegalArgumentException("negative height or view");
    }
    Objects.requireNonNull(prePrepare);
    Objects.requireNonNull(proposedBlock);
    Objects.requireNonNull(prepare);
    Objects.requireNonNull(commit);
    Objects.requireNonNull(viewChange);
    Objects.requireNonNull(prepared);
    Objects.requireNonNull(preparedBlock);
    if (prePrepare.isPresent() != proposedBlock.isPresent()
        || prepared.isPresent() != preparedBlock.isPresent()) {
      throw new IllegalArgumentException("a signed proposal or prepared certificate needs its block");
    }
  }

  public static SafetyState initial(long height) {
    return new SafetyState(height, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  SafetyState withView(int v) {
    return new SafetyState(height, Math.max(view, v), prePrepare, proposedBlock, prepare, commit,
        viewChange, prepared, preparedBlock);
  }

  SafetyState withPrePrepare(Signed<PrePrepare> pp, Block block) {
    return new SafetyState(height, Math.max(view, pp.message().view()), Optional.of(pp),
        Optional.of(block), prepare, commit, viewChange, prepared, preparedBlock);
  }

  SafetyState withPrepare(Signed<Prepare> p) {
    return new SafetyState(height, Math.max(view, p.message().view()), prePrepare, proposedBlock,
        Optional.of(p), commit, viewChange, prepared, preparedBlock);
  }

  SafetyState withCommit(Signed<Commit> c, PreparedCertificate cert, Block block) {
    return new SafetyState(height, Math.max(view, c.message().view()), prePrepare, proposedBlock,
        prepare, Optional.of(c), viewChange, Optional.of(cert), Optional.of(block));
  }

  SafetyState withViewChange(Signed<ViewChange> vc) {
    return new SafetyState(height, Math.max(view, vc.message().newView()), prePrepare,
        proposedBlock, prepare, commit, Optional.of(vc), prepared, preparedBlock);
  }
}
