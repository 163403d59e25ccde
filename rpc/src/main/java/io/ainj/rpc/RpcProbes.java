package io.ainj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the health endpoints ask the node. They run on the network event loop (so probes still
 * answer while every worker is busy), hence each supplier must be cheap and non-blocking:
 * read a volatile field, do not touch the disk or take contended locks. A supplier that throws
 * is reported as not ready / unhealthy / HTTP 500.
 *
 * @param readiness {@code GET /readiness}: 200 when true, else 503
 * @param health {@code GET /health_check}: AIN's {@code true}/{@code false} (serving or not)
 * @param status {@code GET /status}: any JSON
 * @param lastBlockNumber {@code GET /last_block_number}: AIN's {@code {"code":0,"result":n}}
 */
public record RpcProbes(
    BooleanSupplier readiness,
    BooleanSupplier health,
    Supplier<? extends JsonNode> status,
    LongSupplier lastBlockNumber) {

  public RpcProbes {
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lastBlockNumber, "lastBlockNumber");
  }

  /**
   * Probes for a server with nothing behind it yet: ready and healthy, status
   * {@code {"status":"unknown"}}, last block -1.
   */
  public static RpcProbes defaults() {
    JsonNode unknown = JsonNodeFactory.instance.objectNode().put("status", "unknown");
    return new RpcProbes(() -> true, () -> true, () -> unknown, () -> -1L);
  }

  public RpcProbes withReadiness(BooleanSupplier readiness) {
    return new RpcProbes(readiness, health, status, lastBlockNumber);
  }

  public RpcProbes withHealth(BooleanSupplier health) {
    return new RpcProbes(readiness, health, status, lastBlockNumber);
  }

  public RpcProbes withStatus(Supplier<? extends JsonNode> status) {
    return new RpcProbes(readiness, health, status, lastBlockNumber);
  }

  public RpcProbes withLastBlockNumber(LongSupplier lastBlockNumber) {
    return new RpcProbes(readiness, health, status, lastBlockNumber);
  }
}
