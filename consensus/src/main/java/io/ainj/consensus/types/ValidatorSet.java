package io.ainj.consensus.types;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The validators of one height, sorted by address so that every node derives the same order from
 * the same set. Votes are one node one vote (n >= 3f + 1).
 */
public final class ValidatorSet {
  private final List<ValidatorId> validators;

  private ValidatorSet(List<ValidatorId> sorted) {
    this.validators = sorted;
  }

  /** Sorts and de-duplicates; an empty set is a broken invariant of the caller. */
  public static ValidatorSet of(Collection<ValidatorId> validators) {
    TreeSet<ValidatorId> sorted = new TreeSet<>(validators);
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("a validator set needs at least one validator");
    }
    return new ValidatorSet(Collections.unmodifiableList(new ArrayList<>(sorted)));
  }

  public List<ValidatorId> validators() {
    return validators;
  }

  public int size() {
    return validators.size();
  }

  /** The number of byzantine validators tolerated: the largest f with 3f + 1 <= n. */
  public int maxFaulty() {
    return (validators.size() - 1) / 3;
  }

  /**
   * The smallest quorum q with 2q - n > f: any two quorums then share an honest validator, which
   * is what PBFT's safety argument needs. For n = 3f + 1 this is exactly 2f + 1; for other n it is
   * still at most n - f, so the honest validators alone can form it (liveness).
   */
  public int quorum() {
    int n = validators.size();
    return (n + maxFaulty()) / 2 + 1;
  }

  /** f + 1: enough to contain at least one honest validator. */
  public int weakQuorum() {
    return maxFaulty() + 1;
  }

  public boolean contains(ValidatorId id) {
    return Collections.binarySearch(validators, id) >= 0;
  }

  public int indexOf(ValidatorId id) {
    int i = Collections.binarySearch(validators, id);
    return i < 0 ? -1 : i;
  }

  public ValidatorId get(int index) {
    return validators.get(index);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidatorSet s && s.validators.equals(validators);
  }

  @Override
  public int hashCode() {
    return validators.hashCode();
  }

  @Override
  public String toString() {
    return "ValidatorSet" + validators;
  }
}
