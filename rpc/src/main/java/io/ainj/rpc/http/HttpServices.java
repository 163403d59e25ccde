package io.ainj.rpc.http;

import io.ainj.rpc.RpcCounters;
import io.ainj.rpc.RpcProbes;
import io.ainj.rpc.RpcServerConfig;
import io.ainj.rpc.jsonrpc.JsonRpcProcessor;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection's handlers share: config, the JSON-RPC processor, probes, counters and
 * the server's draining state. One instance per server.
 */
public final class HttpServices {
  final RpcServerConfig config;
  final JsonRpcProcessor processor;
  final RpcProbes probes;
  final RpcCounters counters;
  final CorsPolicy cors;
  final String welcome;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();

  public HttpServices(
      RpcServerConfig config, JsonRpcProcessor processor, RpcProbes probes, RpcCounters counters) {
    this.config = Objects.requireNonNull(config, "config");
    this.processor = Objects.requireNonNull(processor, "processor");
    this.probes = Objects.requireNonNull(probes, "probes");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.cors = new CorsPolicy(config.corsAllowedOrigins());
    String max = config.protocol().max() == null ? "" : ", <=" + config.protocol().max();
    this.welcome =
        "[ainj] Welcome to an AIN-compatible blockchain node! (current protocol version: "
            + config.protocol().nodeVersion()
            + ", accepted client protocol versions: >="
            + config.protocol().min()
            + max
            + ")\n";
  }

  /** From now on requests get 503 and responses close their connection. */
  public void startClosing() {
    closing.set(true);
  }

  public boolean isClosing() {
    return closing.get();
  }

  /** HTTP requests accepted and not yet answered; close() drains this to zero. */
  public int inFlight() {
    return inFlight.get();
  }

  void requestStarted() {
    inFlight.incrementAndGet();
  }

  void requestFinished() {
    inFlight.decrementAndGet();
  }
}
