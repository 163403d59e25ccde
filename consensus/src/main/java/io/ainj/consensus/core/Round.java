package io.ainj.consensus.core;

import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.NewView;
import io.ainj.consensus.messages.PrePrepare;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.messages.Signed;
import io.ainj.consensus.messages.ViewChange;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.ValidatorId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The message log of the one undecided height. Dropped as a whole when the height is decided,
 * which is the per-sequence-number garbage collection of PBFT; Tree maps keep iteration order
 * (and so the output) deterministic.
 */
final class Round {
  /** Per view: the accepted pre-prepare and one prepare/commit per validator (first wins). */
  static final class ViewLog {
    Signed<PrePrepare> prePrepare;
    final TreeMap<ValidatorId, Signed<Prepare>> prepares = new TreeMap<>();
    final TreeMap<ValidatorId, Signed<Commit>> commits = new TreeMap<>();
    boolean commitSent;
  }

  final TreeMap<Integer, ViewLog> views = new TreeMap<>();
  /** Candidate blocks by hash (lookups only, never iterated). */
  final Map<Hash, Block> blocks = new HashMap<>();
  final Map<Hash, Boolean> validity = new HashMap<>();
  final Set<Hash> validating = new HashSet<>();
  /** newView -> author -> view change. */
  final TreeMap<Integer, TreeMap<ValidatorId, Signed<ViewChange>>> viewChanges = new TreeMap<>();
  /** Highest view each validator asked for (for PBFT's f+1 join rule). */
  final TreeMap<ValidatorId, Integer> highestViewChange = new TreeMap<>();
  Signed<NewView> acceptedNewView;
  Block acceptedNewViewBlock;
  /** The block the port built for a view whose new-view is still being assembled. */
  Block freshProposal;
  int freshProposalView = -1;
  int proposalRequestedView = -1;
  /** A commit quorum exists for a block this node does not have. */
  boolean missingDecidedBlock;
  /** A verified certificate for this height, waiting for its block or its validation. */
  io.ainj.consensus.messages.CommitCertificate pendingCertificate;
  /** Per-height cache of signatures already verified (nested certificates repeat them). */
  final Set<Signed<?>> verified = new HashSet<>();
  /** author -> relays sent to it at this height, to bound amplification. */
  final Map<ValidatorId, Integer> relaysTo = new HashMap<>();

  ViewLog view(int v) {
    return views.computeIfAbsent(v, k -> new ViewLog());
  }

  TreeMap<ValidatorId, Signed<ViewChange>> viewChangesFor(int v) {
    return viewChanges.computeIfAbsent(v, k -> new TreeMap<>());
  }

  /**
   * Adds a candidate block. A block already known to be invalid is replaced, because a faulty
   * sender may have attached a wrong payload under the right hash before an honest one did.
   */
  void offerBlock(Block b) {
    Block known = blocks.get(b.hash());
    if (known == null) {
      blocks.put(b.hash(), b);
    } else if (Boolean.FALSE.equals(validity.get(b.hash())) && !known.equals(b)) {
      blocks.put(b.hash(), b);
      validity.remove(b.hash());
      validating.remove(b.hash());
    }
  }
}
