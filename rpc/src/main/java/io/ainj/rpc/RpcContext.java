package io.ainj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What a method may know about its call besides the params.
 *
 * @param method the JSON-RPC method name
 * @param id the request id as sent (a text, number or null node); never a Java null
 * @param remoteAddress the TCP peer, or null when unknown (tests, in-process calls)
 * @param nodeProtocolVersion the version this node reports in every wrapper's {@code protoVer}
 * @param deadlineNanos {@link System#nanoTime()} value after which the caller already got a
 *     timeout error; long computations should check {@link #expired()} and give up
 */
public record RpcContext(
    String method,
    JsonNode id,
    SocketAddress remoteAddress,
    String nodeProtocolVersion,
    long deadlineNanos) {

  public RpcContext {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nodeProtocolVersion, "nodeProtocolVersion");
  }

  /** Time left before the timeout error is sent; zero or negative once it has been. */
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  public boolean expired() {
    return deadlineNanos - System.nanoTime() <= 0;
  }
}
