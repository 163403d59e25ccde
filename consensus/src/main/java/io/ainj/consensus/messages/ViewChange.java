package io.ainj.consensus.messages;

import java.util.Objects;
import java.util.Optional;

/**
 * The sender leaves its current view of {@code height} for {@code newView} and reports the
 * highest-view prepared certificate it holds at this height (PBFT's P set; with one sequence
 * number per height it has at most one relevant entry). PBFT's checkpoint proof C is not needed
 * here: a view change only concerns the undecided height, every lower height is already decided
 * with a commit certificate.
 */
public record ViewChange(long height, int newView, Optional<PreparedCertificate> prepared)
    implements Message {
  public static final int TAG = 4;

  public ViewChange {
    Checks.heightView(height, newView);
    if (newView < 1) {
      throw new IllegalArgumentException("a view change targets view >= 1");
    }
    Objects.requireNonNull(prepared, "prepared");
    prepared.ifPresent(
        p -> {
          if (p.height() != height || p.view() >= newView) {
            throw new IllegalArgumentException(
                "a prepared certificate must be of this height and an earlier view");
          }
        });
  }

  @Override
  public int tag() {
    return TAG;
  }
}
