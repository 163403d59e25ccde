package io.ainj.rpc;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A point-in-time snapshot of the server's counters. Plain values, so the node can bind them to
 * its metrics registry without this module depending on one.
 *
 * @param httpRequests complete HTTP requests received (any route)
 * @param jsonRpcCalls JSON-RPC calls received (a batch counts each element)
 * @param openConnections currently open client connections
 * @param inFlightCalls method calls submitted to workers and not yet answered
 * @param idleConnectionsClosed keep-alive connections closed for idleness (not a rejection)
 * @param rejected per-reason counts, every reason present
 */
public record RpcStats(
    long httpRequests,
    long jsonRpcCalls,
    int openConnections,
    int inFlightCalls,
    long idleConnectionsClosed,
    Map<RejectReason, Long> rejected) {

  public RpcStats {
    EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
    for (RejectReason r : RejectReason.values()) {
      copy.put(r, rejected.getOrDefault(r, 0L));
    }
    rejected = Collections.unmodifiableMap(copy);
  }

  public long rejected(RejectReason reason) {
    return rejected.get(reason);
  }

  public long totalRejected() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
