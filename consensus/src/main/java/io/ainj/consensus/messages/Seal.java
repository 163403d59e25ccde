package io.ainj.consensus.messages;

import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.ValidatorId;
import java.util.Objects;

/** One validator's signature inside a certificate whose message is implied by the certificate. */
public record Seal(ValidatorId signer, Signature signature) {
  public Seal {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
  }
}
