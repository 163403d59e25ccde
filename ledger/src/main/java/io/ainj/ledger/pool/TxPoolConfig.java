package io.ainj.ledger.pool;

/**
 * Pool limits. Defaults are AIN's node params ({@code TX_POOL_SIZE_LIMIT} 1000,
 * {@code TX_POOL_SIZE_LIMIT_PER_ACCOUNT} 100, free-transaction shares of 10 %, one-hour expiry);
 * a node may raise them, since they bound memory, not consensus.
 */
public record TxPoolConfig(
    int sizeLimit, int sizeLimitPerAccount, double freeRatio, double freeRatioPerAccount, long timeoutMs) {

  public static TxPoolConfig ainDefaults() {
    return new TxPoolConfig(1000, 100, 0.1, 0.1, 3_600_000L);
  }

  public TxPoolConfig {
    if (sizeLimit < 1 || sizeLimitPerAccount < 1 || freeRatio < 0 || freeRatio > 1
        || freeRatioPerAccount < 0 || freeRatioPerAccount > 1 || timeoutMs < 1) {
      throw new IllegalArgumentException("invalid pool limits");
    }
  }

  int freeLimit() {
    return (int) Math.floor(sizeLimit * freeRatio);
  }

  int freeLimitPerAccount() {
    return (int) Math.floor(sizeLimitPerAccount * freeRatioPerAccount);
  }
}
