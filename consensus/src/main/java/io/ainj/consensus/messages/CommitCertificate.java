package io.ainj.consensus.messages;

import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.SignatureVerifier;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The finality proof stored with a block: 2f+1 signatures of {@code Commit(height, view,
 * blockHash)} by distinct validators of that height. Any node (or a syncing peer) can check it
 * with {@link #verify} and the validator set of the height, without the rest of the message log.
 */
public record CommitCertificate(long height, int view, Hash blockHash, List<Seal> seals) {
  public CommitCertificate {
    if (height < 0 || view < 0) {
      throw new IllegalArgumentException("negative height or view");
    }
    Objects.requireNonNull(blockHash, "blockHash");
    seals = List.copyOf(seals);
  }

  public Commit commitMessage() {
    return new Commit(height, view, blockHash);
  }

  /**
   * Whether the seals contain a quorum of valid signatures by distinct members of {@code
   * validators}. Duplicate or foreign seals do not count but do not invalidate the rest.
   */
  public boolean verify(ValidatorSet validators, SignatureVerifier verifier, MessageCodec codec) {
    byte[] digest = codec.digest(commitMessage());
    Set<ValidatorId> counted = new HashSet<>();
    for (Seal s : seals) {
      if (validators.contains(s.signer())
          && !counted.contains(s.signer())
          && verifier.verify(digest, s.signature(), s.signer())) {
        counted.add(s.signer());
      }
    }
    return counted.size() >= validators.quorum();
  }
}
