package io.ainj.consensus.messages;

import io.ainj.consensus.types.Hash;
import java.util.Objects;

/** A backup's acceptance of the primary's pre-prepare for (height, view). */
public record Prepare(long height, int view, Hash blockHash) implements Message {
  public static final int TAG = 2;

  public Prepare {
    Checks.heightView(height, view);
    Objects.requireNonNull(blockHash, "blockHash");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
