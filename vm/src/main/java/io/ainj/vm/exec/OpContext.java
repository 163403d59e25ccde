package io.ainj.vm.exec;

import io.ainj.statedb.json.Json;

/**
 * Per-transaction inputs of an operation: the op timestamp (what rules see as currentTime), the
 * executing block (JSON null outside block execution, which turns every timer flag off), and the
 * transaction hash passed to functions.
 */
public record OpContext(double timestamp, Json blockNumber, Json blockTime, String txHash,
    double executedAt) {
  public static OpContext of(double timestamp, String txHash) {
    return new OpContext(timestamp, Json.NULL, Json.NULL, txHash, timestamp);
  }
}
