package io.ainj.consensus.types;

import java.util.Arrays;
import java.util.Objects;

/**
 * A proposed block as consensus sees it: an opaque payload with its height and hash. Consensus
 * never parses the payload nor recomputes the hash; that the hash belongs to the payload is part
 * of what the {@code ProposalValidator} port checks before this node prepares it.
 */
public record Block(long height, Hash hash, byte[] payload) {
  public Block {
    if (height < 0) {
      throw new IllegalArgumentException("negative height");
    }
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(payload, "payload");
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload length without copying. */
  public int size() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Block b
        && b.height == height
        && b.hash.equals(hash)
        && Arrays.equals(b.payload, payload);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Block[" + height + ", " + hash + ", " + payload.length + " bytes]";
  }
}
