package io.ainj.consensus.messages;

import io.ainj.consensus.types.Hash;
import java.util.Objects;

/**
 * Sent once the sender is prepared on {@code blockHash} at (height, view). 2f+1 matching commit
 * signatures form the block's {@link CommitCertificate}.
 */
public record Commit(long height, int view, Hash blockHash) implements Message {
  public static final int TAG = 3;

  public Commit {
    Checks.heightView(height, view);
    Objects.requireNonNull(blockHash, "blockHash");
  }

  @Override
  public int tag() {
    return TAG;
  }
}
