package io.ainj.node;

import io.ainj.crypto.EcdsaBackends;
import java.nio.file.Path;

/**
 * Everything a node is started with. Built by the CLI from flags, environment and defaults;
 * modules get their own config records from it.
 *
 * @param genesisDir an AIN {@code blockchain-configs} directory, or null for the embedded base
 * @param blockIntervalMs the shortest time between two blocks when transactions are waiting
 * @param emptyBlockIntervalMs how long an idle chain waits before an empty block
 * @param txTrackerSize how many transaction records {@code ain_getTransactionByHash} answers
 *     from memory (AIN keeps all of a day's); older finalized ones are rebuilt from the chain
 */
public record NodeConfig(
    Path dataDir,
    Path genesisDir,
    String rpcHost,
    int rpcPort,
    long blockIntervalMs,
    long emptyBlockIntervalMs,
    int maxTxsPerBlock,
    int txPoolSize,
    int txPoolSizePerAccount,
    int txTrackerSize,
    EcdsaBackends.Choice crypto) {

  public static final long DEFAULT_BLOCK_INTERVAL_MS = 20;
  public static final long DEFAULT_EMPTY_BLOCK_INTERVAL_MS = 10_000;
  public static final int DEFAULT_MAX_TXS_PER_BLOCK = 10_000;
  public static final int DEFAULT_TX_POOL_SIZE = 20_000;
  public static final int DEFAULT_TX_POOL_SIZE_PER_ACCOUNT = 2_000;
  public static final int DEFAULT_TX_TRACKER_SIZE = io.ainj.ledger.pool.TxTracker.DEFAULT_MAX_RECORDS;

  public NodeConfig {
    if (blockIntervalMs < 1 || emptyBlockIntervalMs < blockIntervalMs) {
      throw new IllegalArgumentException("need 1 <= block interval <= empty block interval");
    }
    if (maxTxsPerBlock < 1 || txPoolSize < 1 || txPoolSizePerAccount < 1 || txTrackerSize < 1) {
      throw new IllegalArgumentException("block, pool and tracker sizes must be positive");
    }
    if (rpcPort < 0 || rpcPort > 65535) {
      throw new IllegalArgumentException("rpc port must be 0..65535");
    }
  }
}
