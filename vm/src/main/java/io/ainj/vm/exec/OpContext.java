package io.ainj.vm.exec;

import io.ainj.statedb.json.Json;

/**
 * Per-transaction inputs of an operation: the op timestamp (what rules see as currentTime), the
 * executing block (JSON null outside block execution, which turns every timer flag off), and the
 * transaction hash passed to functions.
 *
 * <p>It also remembers whether the execution looked at the block's time ({@link #blockTime()}
 * or {@link #executedAt()}): a transaction that did not gives the same result in any block of
 * the same number, which lets a proposer reuse its pool execution instead of running it again.
 */
public final class OpContext {
  private final double timestamp;
  private final Json blockNumber;
  private final Json blockTime;
  private final String txHash;
  private final double executedAt;
  private boolean blockTimeRead;

  public OpContext(double timestamp, Json blockNumber, Json blockTime, String txHash, double executedAt) {
    this.timestamp = timestamp;
    this.blockNumber = blockNumber;
    this.blockTime = blockTime;
    this.txHash = txHash;
    this.executedAt = executedAt;
  }

  public static OpContext of(double timestamp, String txHash) {
    return new OpContext(timestamp, Json.NULL, Json.NULL, txHash, timestamp);
  }

  public double timestamp() {
    return timestamp;
  }

  public Json blockNumber() {
    return blockNumber;
  }

  public String txHash() {
    return txHash;
  }

  /** The block's time; reading it makes the result depend on it. */
  public Json blockTime() {
    blockTimeRead = true;
    return blockTime;
  }

  /** AIN's {@code executed_at} (the block time here); reading it makes the result depend on it. */
  public double executedAt() {
    blockTimeRead = true;
    return executedAt;
  }

  /**
   * The block time for an input that will only matter if the code reading it names it (a
   * rule's variables): the caller decides whether that counts as a read.
   */
  Json blockTimeIf(boolean used) {
    blockTimeRead |= used;
    return blockTime;
  }

  /** Whether anything in this execution read the block time. */
  public boolean blockTimeRead() {
    return blockTimeRead;
  }
}
