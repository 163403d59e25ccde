package io.ainj.consensus.messages;

import io.ainj.consensus.types.Hash;
import java.util.Objects;

/**
 * Sent after committing every K-th height. The block hash stands for PBFT's state digest because
 * the AIN block header commits to the state root. 2f+1 matching checkpoints make it stable.
 */
public record Checkpoint(long height, Hash blockHash) implements Message {
  public static final int TAG = 6;

  public Checkpoint {
    Checks.heightView(height, 0);
    Objects.requireNonNull(blockHash, "blockHash");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
