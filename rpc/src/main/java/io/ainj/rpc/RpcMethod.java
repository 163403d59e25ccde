package io.ainj.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC method, e.g. {@code ain_getNonce}. Runs on a worker thread, so it may block
 * briefly; it is interrupted when the processing timeout expires. A method wrapped with
 * {@link #onEventLoop} runs on the connection's network thread instead (see there).
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

  /** Whether this method runs on the network thread that read the request. */
  default boolean runsOnEventLoop() {
    return false;
  }

  /**
   * The method, run by the thread that dispatches the call rather than handed to a worker: the
   * network thread that read the request (inside a JSON-RPC batch, the thread that ran the
   * element before it). For methods that are short and bounded by the request's size (a
   * signature check and one admission): handing each call to a worker and its answer back costs
   * two thread wake-ups, which for such a method cost more than the call. It gets no timeout and
   * no interrupt, and it holds up the other connections of its network thread while it runs.
   */
  static RpcMethod onEventLoop(RpcMethod method) {
    java.util.Objects.requireNonNull(method, "method");
    return new RpcMethod() {
      @Override
      public RpcResult call(ObjectNode params, RpcContext ctx) {
        return method.call(params, ctx);
      }

      @Override
      public boolean runsOnEventLoop() {
        return true;
      }
    };
  }
}
