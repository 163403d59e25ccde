package io.ainj.consensus.sim;

/** How a byzantine validator misbehaves in a simulation. */
public enum Behaviour {
  /** Sends nothing at all (crashed forever, or withholding). */
  SILENT,
  /**
   * Runs the honest protocol but, per recipient, swaps its pre-prepares for a conflicting valid
   * block and its prepares and commits for conflicting hashes.
   */
  EQUIVOCATE,
  /** Honest otherwise, but proposes blocks marked invalid or whose hash is not the payload's. */
  INVALID_PROPOSALS,
  /**
   * Sends different view changes to different peers (with and without its prepared certificate,
   * or for a higher view) and, as a new primary, new-views that ignore the prepared value.
   */
  CONFLICTING_VIEW_CHANGES;

  private static final Behaviour[] ALL = values();

  static Behaviour pick(java.util.SplittableRandom rnd) {
    return ALL[rnd.nextInt(ALL.length)];
  }
}
