package io.ainj.consensus.messages;

import io.ainj.consensus.types.Hash;
import java.util.Objects;

/**
 * The primary's proposal of {@code blockHash} at (height, view). Like PBFT's pre-prepare it
 * carries only the digest of the request; the block travels beside it in the {@link Packet}.
 */
public record PrePrepare(long height, int view, Hash blockHash) implements Message {
  public static final int TAG = 1;

  public PrePrepare {
    Checks.heightView(height, view);
    Objects.requireNonNull(blockHash, "blockHash");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
