package io.ainj.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * A JSON-RPC method that answers later without holding a thread while it waits. It is called on
 * the network thread that read the request, so it must not block: it checks what it can at once
 * and hands the rest to its own queue, whose thread completes the future. A method that sends
 * every call through one thread (transaction admission) saves the hand-off to a worker and back,
 * and the workers' contention for what that thread serialises anyway.
 *
 * <p>The same contract as {@link RpcMethod} for results: invalid input is a result, an exception
 * (thrown, or failing the future) is a server bug answered with -32603, except that a future
 * failed with {@link java.util.concurrent.RejectedExecutionException} (its queue is full) is
 * answered as a busy server. The request timeout applies as to any method.
 */
@FunctionalInterface
public interface AsyncRpcMethod {
  /**
   * @param params the request's {@code params} object as sent; owned by this call
   * @param ctx the call's context
   * @return never null
   */
  CompletableFuture<RpcResult> call(ObjectNode params, RpcContext ctx);
}
