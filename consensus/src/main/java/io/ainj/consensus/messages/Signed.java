package io.ainj.consensus.messages;

import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.ValidatorId;
import java.util.Objects;

/**
 * A message with its author and the author's signature over {@link MessageCodec#digest}. Equality
 * is by content, so a replayed copy of the same signed message is recognised as a duplicate.
 */
public record Signed<M extends Message>(M message, ValidatorId author, Signature signature) {
  public Signed {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(signature, "signature");
  }
}
