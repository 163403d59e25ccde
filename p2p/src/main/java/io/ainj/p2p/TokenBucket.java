package io.ainj.p2p;

/** A rate limit: {@code rate} units per second with a burst of twice that. Not thread-safe. */
final class TokenBucket {
  private final double rate;
  private final double burst;
  private double tokens;
  private long lastNanos;

  TokenBucket(double ratePerSecond, long nowNanos) {
    this.rate = ratePerSecond;
    this.burst = 2 * ratePerSecond;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  boolean tryTake(double amount, long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * rate);
    lastNanos = nowNanos;
    if (tokens < amount) {
      return false;
    }
    tokens -= amount;
    return true;
  }
}
