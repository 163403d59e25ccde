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
 * Likewise for the block number ({@link #blockNumber()}, and anything else whose outcome the
 * number can change, see {@link #markBlockNumberRead()}): a transaction that read neither has
 * the same effects in a block of another number but for the number in its receipt.
 */
public final class OpContext {
  private final double timestamp;
  private final Json blockNumber;
  private final Json blockTime;
  private final String txHash;
  private final double executedAt;
  private boolean blockTimeRead;
  private boolean blockNumberRead;

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

  /** The block's number; reading it makes the result depend on it. */
  public Json blockNumber() {
    blockNumberRead = true;
    return blockNumber;
  }

  /**
   * The block number for a timer-flag check (or a check of it against 0): not counted as a read,
   * since a run moves to another number only where every flag is the same at both and neither
   * is 0 (TransactionExecutor#sameRulesAt).
   */
  public Json blockNumberForFlag() {
    return blockNumber;
  }

  /** The block number for an input that only matters if the code reading it names it. */
  Json blockNumberIf(boolean used) {
    blockNumberRead |= used;
    return blockNumber;
  }

  /**
   * Records that the execution's outcome depends on the block number in a way the caller saw
   * (a path that contains it, a read of other transactions' receipts, which hold it).
   */
  public void markBlockNumberRead() {
    blockNumberRead = true;
  }

  /** Whether anything in this execution depended on the block number. */
  public boolean blockNumberRead() {
    return blockNumberRead;
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
