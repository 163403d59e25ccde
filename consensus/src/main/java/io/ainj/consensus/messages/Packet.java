package io.ainj.consensus.messages;

import io.ainj.consensus.types.Block;
import java.util.Objects;
import java.util.Optional;

/**
 * What travels between validators: one signed message and, for messages that propose or carry a
 * value (pre-prepare, a view change with a prepared certificate, new-view), the block itself.
 * The block is not signed directly; it is bound by its hash, which the signed message contains
 * and the validation port checks against the payload.
 */
public record Packet(Signed<? extends Message> message, Optional<Block> block) {
  public Packet {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(block, "block");
  }

  public static Packet of(Signed<? extends Message> message) {
    return new Packet(message, Optional.empty());
  }

  public static Packet of(Signed<? extends Message> message, Block block) {
    return new Packet(message, Optional.of(block));
  }
}
