package io.ainj.ledger.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.ledger.tx.Transaction;

/**
 * A transaction waiting in the pool with its last execution result against the pending state:
 * {@code executed} is AIN's EXECUTED state (it ran fine), otherwise it is PENDING (it failed
 * but may become valid later or be included and reverted).
 */
public record PooledTx(Transaction tx, long receivedAtMs, JsonNode execResult, boolean executed) {

  /** Free transactions (gas price 0 or absent) have their own, smaller share of the pool. */
  public boolean isFree() {
    return tx.gasPrice() == 0;
  }
}
