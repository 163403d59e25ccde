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
 * PBFT's stable-checkpoint proof: 2f+1 signatures of {@code Checkpoint(height, blockHash)}. A
 * state-sync peer serves it with a snapshot at that height so a far-behind node can trust the
 * snapshot without replaying the chain.
 */
public record CheckpointCertificate(long height, Hash blockHash, List<Seal> seals) {
  public CheckpointCertificate {
    Objects.requireNonNull(blockHash, "blockHash");
    seals = List.copyOf(seals);
  }

  public boolean verify(ValidatorSet validators, SignatureVerifier verifier, MessageCodec codec) {
    byte[] digest = codec.digest(new Checkpoint(height, blockHash));
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
