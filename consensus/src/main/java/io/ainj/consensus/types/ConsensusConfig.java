package io.ainj.consensus.types;

/**
 * Tunables of the PBFT core. Only {@code node} reads flags, environment or files; it builds this
 * record, starting from {@link #DEFAULTS}.
 *
 * @param chainId AIN chain id, bound into every signed digest so votes cannot be replayed on
 *     another chain (and used as the secp256k1 v chain id by the AIN signer)
 * @param checkpointInterval K: every K-th height all validators sign a checkpoint; 2f+1 matching
 *     checkpoints make it stable and garbage-collect older message logs
 * @param baseRoundTimeoutMillis the round timer of view 0; view v waits base * 2^v
 * @param maxRoundTimeoutMillis cap of the exponential back-off
 * @param futureHeightWindow messages for heights in (h, h + window] are buffered, farther ones
 *     dropped
 * @param futureViewWindow messages for views in (v, v + window] of the current height are kept
 * @param maxBufferedMessages bound of the future-height buffer (shared by all senders, each
 *     sender gets an equal share)
 * @param maxBlockBytes the largest block payload accepted from the wire
 */
public record ConsensusConfig(
    int chainId,
    long checkpointInterval,
    long baseRoundTimeoutMillis,
    long maxRoundTimeoutMillis,
    int futureHeightWindow,
    int futureViewWindow,
    int maxBufferedMessages,
    int maxBlockBytes) {

  public static final int DEFAULT_CHAIN_ID = 0;
  public static final long DEFAULT_CHECKPOINT_INTERVAL = 100;
  public static final long DEFAULT_BASE_ROUND_TIMEOUT_MILLIS = 2_000;
  public static final long DEFAULT_MAX_ROUND_TIMEOUT_MILLIS = 60_000;
  public static final int DEFAULT_FUTURE_HEIGHT_WINDOW = 16;
  public static final int DEFAULT_FUTURE_VIEW_WINDOW = 64;
  public static final int DEFAULT_MAX_BUFFERED_MESSAGES = 4_096;
  public static final int DEFAULT_MAX_BLOCK_BYTES = 16 * 1024 * 1024;

  public static final ConsensusConfig DEFAULTS =
      new ConsensusConfig(
          DEFAULT_CHAIN_ID,
          DEFAULT_CHECKPOINT_INTERVAL,
          DEFAULT_BASE_ROUND_TIMEOUT_MILLIS,
          DEFAULT_MAX_ROUND_TIMEOUT_MILLIS,
          DEFAULT_FUTURE_HEIGHT_WINDOW,
          DEFAULT_FUTURE_VIEW_WINDOW,
          DEFAULT_MAX_BUFFERED_MESSAGES,
          DEFAULT_MAX_BLOCK_BYTES);

  public ConsensusConfig {
    if (chainId < 0 || chainId > 110) {
      throw new IllegalArgumentException("chainId must be 0..110 (AIN v byte range)");
    }
    if (checkpointInterval < 1) {
      throw new IllegalArgumentException("checkpointInterval must be >= 1");
    }
    if (baseRoundTimeoutMillis < 1 || maxRoundTimeoutMillis < baseRoundTimeoutMillis) {
      throw new IllegalArgumentException("need 1 <= baseRoundTimeout <= maxRoundTimeout");
    }
    if (futureHeightWindow < 1 || futureViewWindow < 1 || maxBufferedMessages < 1) {
      throw new IllegalArgumentException("windows and buffers must be >= 1");
    }
    if (maxBlockBytes < 1) {
      throw new IllegalArgumentException("maxBlockBytes must be >= 1");
    }
  }

  /** The round timeout of {@code view}: exponential back-off, capped. */
  public long roundTimeoutMillis(int view) {
    int shift = Math.min(view, 40);
    long t = baseRoundTimeoutMillis << shift;
    return (t <= 0 || t > maxRoundTimeoutMillis || (t >> shift) != baseRoundTimeoutMillis)
        ? maxRoundTimeoutMillis
        : t;
  }

  public ConsensusConfig withChainId(int v) {
    return new ConsensusConfig(v, checkpointInterval, baseRoundTimeoutMillis,
        maxRoundTimeoutMillis, futureHeightWindow, futureViewWindow, maxBufferedMessages,
        maxBlockBytes);
  }

  public ConsensusConfig withCheckpointInterval(long v) {
    return new ConsensusConfig(chainId, v, baseRoundTimeoutMillis, maxRoundTimeoutMillis,
        futureHeightWindow, futureViewWindow, maxBufferedMessages, maxBlockBytes);
  }

  public ConsensusConfig withRoundTimeouts(long base, long max) {
    return new ConsensusConfig(chainId, checkpointInterval, base, max, futureHeightWindow,
        futureViewWindow, maxBufferedMessages, maxBlockBytes);
  }

  public ConsensusConfig withMaxBufferedMessages(int v) {
    return new ConsensusConfig(chainId, checkpointInterval, baseRoundTimeoutMillis,
        maxRoundTimeoutMillis, futureHeightWindow, futureViewWindow, v, maxBlockBytes);
  }
}
