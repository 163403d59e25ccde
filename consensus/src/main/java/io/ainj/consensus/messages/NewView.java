package io.ainj.consensus.messages;

import java.util.List;
import java.util.Objects;

/**
 * The new primary's proof that 2f+1 validators left the previous views ({@code viewChanges}, PBFT's
 * V) together with its pre-prepare for {@code view} (PBFT's O, one entry since one sequence
 * number is open). Replicas recompute which value V forces and reject the message if the
 * pre-prepare proposes anything else.
 */
public record NewView(
    long height, int view, List<Signed<ViewChange>> viewChanges, Signed<PrePrepare> prePrepare)
    implements Message {
  public static final int TAG = 5;

  public NewView {
    Checks.heightView(height, view);
    if (view < 1) {
      throw new IllegalArgumentException("a new view is view >= 1");
    }
    viewChanges = List.copyOf(viewChanges);
    Objects.requireNonNull(prePrepare, "prePrepare");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
