package io.ainj.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC method, e.g. {@code ain_getNonce}. Runs on a worker thread, never on the network
 * event loop, so it may block briefly; it is interrupted when the processing timeout expires.
 *
 * <p>Invalid client input is a result ({@link RpcResult.AinError} or
 * {@link RpcResult.InvalidParams}), not an exception: an exception escaping here is treated as a
 * server bug, logged, and answered with JSON-RPC -32603 without details.
 */
@FunctionalInterface
public interface RpcMethod {
  /**
   * @param params the request's {@code params} object as sent (it still contains
   *     {@code protoVer}); owned by this call, so the method may read it freely
   * @param ctx the call's context (method name, id, caller, deadline)
   * @return never null
   */
  RpcResult call(ObjectNode params, RpcContext ctx);
}
