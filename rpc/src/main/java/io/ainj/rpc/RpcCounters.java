package io.ainj.rpc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters behind {@link RpcStats}. Incremented from event loops and workers at once,
 * hence {@link LongAdder}. Public only so the transport and JSON-RPC subpackages can share one
 * instance; the node reads {@link RpcServer#stats()} instead.
 */
public final class RpcCounters {
  private final LongAdder httpRequests = new LongAdder();
  private final LongAdder jsonRpcCalls = new LongAdder();
  private final LongAdder idleClosed = new LongAdder();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger inFlightCalls = new AtomicInteger();
  private final EnumMap<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

  public RpcCounters() {
    for (RejectReason r : RejectReason.values()) {
      rejected.put(r, new LongAdder());
    }
  }

  public void reject(RejectReason reason) {
    rejected.get(reason).increment();
  }

  public void httpRequest() {
    httpRequests.increment();
  }

  public void jsonRpcCall() {
    jsonRpcCalls.increment();
  }

  public void idleClosed() {
    idleClosed.increment();
  }

  public AtomicInteger openConnections() {
    return openConnections;
  }

  public AtomicInteger inFlightCalls() {
    return inFlightCalls;
  }

  public RpcStats snapshot() {
    Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
    rejected.forEach((r, a) -> counts.put(r, a.sum()));
    return new RpcStats(
        httpRequests.sum(),
        jsonRpcCalls.sum(),
        openConnections.get(),
        inFlightCalls.get(),
        idleClosed.sum(),
        counts);
  }
}
