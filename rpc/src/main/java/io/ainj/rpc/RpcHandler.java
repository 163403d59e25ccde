package io.ainj.rpc;

/** How a registered method runs: blocking on a worker, or answering later from its own queue. */
public sealed interface RpcHandler {
  /** Runs on a worker thread; see {@link RpcMethod}. */
  record Blocking(RpcMethod method) implements RpcHandler {}

  /** Called on the network thread and answers through a future; see {@link AsyncRpcMethod}. */
  record NonBlocking(AsyncRpcMethod method) implements RpcHandler {}

  /** The method as a blocking call (a non-blocking one waits for its future), for wrappers and tests. */
  default RpcMethod asBlocking() {
    if (this instanceof Blocking b) {
      return b.method();
    }
    AsyncRpcMethod m = ((NonBlocking) this).method();
    return (params, ctx) -> m.call(params, ctx).join();
  }
}
