package io.ainj.consensus.types;

/**
 * Who is primary for a (height, view). It must be a pure function of its arguments: every
 * validator evaluates it independently and they must agree, or replicas reject honest proposals.
 */
@FunctionalInterface
public interface ProposerSelector {
  ValidatorId proposer(ValidatorSet validators, long height, int view);

  /**
   * Rotation by height + view over the sorted set: each height starts at a different validator
   * and every view change moves to the next one, so f consecutive faulty primaries cost at most f
   * view changes.
   */
  ProposerSelector ROUND_ROBIN =
      (validators, height, view) ->
          validators.get((int) Math.floorMod(height + view, (long) validators.size()));
}
