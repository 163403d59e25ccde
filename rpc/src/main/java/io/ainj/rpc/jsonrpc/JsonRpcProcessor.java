package io.ainj.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinJson;
import io.ainj.rpc.AsyncRpcMethod;
import io.ainj.rpc.RejectReason;
import io.ainj.rpc.RpcContext;
import io.ainj.rpc.RpcCounters;
import io.ainj.rpc.RpcHandler;
import io.ainj.rpc.RpcMethod;
import io.ainj.rpc.RpcMethodRegistry;
import io.ainj.rpc.RpcResult;
import io.ainj.rpc.version.ProtocolVersionPolicy;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one HTTP request body into the JSON to answer.
 *
 * <p>Order per request object, as AIN does it: the protocol-version gate first (AIN runs it as
 * Express middleware before jayson sees the body, so even an unknown method without
 * {@code protoVer} gets 30101), then JSON-RPC validation, then dispatch. Gate refusals are the
 * bare AIN object, not an envelope.
 *
 * <p>A batch runs its elements one after another, in order: AIN executes a client's calls in
 * arrival order on one thread, and transactions from one sender depend on that (nonces). Each
 * element still gets its own timeout and its own busy check.
 *
 * <p>Blocking methods run on the workers; non-blocking ones ({@link AsyncRpcMethod}) are called on
 * the thread that hands in the request and answer from their own.
 *
 * <p>Thread-safe; {@link #handle} never throws and never blocks.
 */
public final class JsonRpcProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcProcessor.class);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ProtocolVersionPolicy policy;
  private final RpcMethodRegistry registry;
  private final ExecutorService workers;
  private final Timer timer;
  private final long requestTimeoutNanos;
  private final int maxBatchSize;
  private final RpcCounters counters;

  /**
   * @param workers bounded pool that runs methods; must reject (not block, not run in the
   *     caller) when full, which is answered with -32000 "server busy"
   * @param timer schedules processing timeouts; a coarse wheel (one per server) rather than an
   *     event loop: scheduling and cancelling on a loop from another thread wakes that loop, two
   *     wake-ups per call, while a wheel only queues them for its next tick
   */
  public JsonRpcProcessor(
      ProtocolVersionPolicy policy,
      RpcMethodRegistry registry,
      ExecutorService workers,
      Timer timer,
      Duration requestTimeout,
      int maxBatchSize,
      RpcCounters counters) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.maxBatchSize = maxBatchSize;
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  /** Where the request came from besides its body. */
  public record Origin(String queryProtoVer, boolean queryProtoVerRepeated, SocketAddress remote) {
    public static final Origin NONE = new Origin(null, false, null);
  }

  /**
   * @param body the raw request body (UTF-8 JSON expected; anything else is a parse error)
   * @return the response JSON, or null when nothing is to be sent (only notifications)
   */
  public CompletableFuture<JsonNode> handle(byte[] body, Origin origin) {
    JsonNode root;
    try {
      root = AinJson.mapper().readTree(body);
    } catch (IOException | RuntimeException e) {
      // Includes invalid UTF-8, nesting/size constraints and duplicate keys. The parser's
      // message may quote input, so it stays in the debug log only.
      LOG.debug("JSON-RPC parse error from {}: {}", origin.remote(), e.getMessage());
      counters.reject(RejectReason.PARSE_ERROR);
      return done(JsonRpcErrors.error(null, JsonRpcErrors.PARSE_ERROR, JsonRpcErrors.MSG_PARSE_ERROR));
    }
    if (root == null || root.isMissingNode()) {
      counters.reject(RejectReason.PARSE_ERROR);
      return done(JsonRpcErrors.error(null, JsonRpcErrors.PARSE_ERROR, JsonRpcErrors.MSG_PARSE_ERROR));
    }
    if (root.isArray()) {
      return handleBatch(root, origin);
    }
    if (!root.isObject()) {
      counters.jsonRpcCall();
      counters.reject(RejectReason.INVALID_REQUEST);
      return done(invalidRequest(null));
    }
    return safeOne(root, origin);
  }

  private CompletableFuture<JsonNode> handleBatch(JsonNode batch, Origin origin) {
    if (batch.isEmpty()) {
      counters.reject(RejectReason.INVALID_REQUEST);
      return done(invalidRequest(null));
    }
    if (batch.size() > maxBatchSize) {
      counters.reject(RejectReason.BATCH_TOO_LARGE);
      return done(
          JsonRpcErrors.error(
              null,
              JsonRpcErrors.INVALID_REQUEST,
              JsonRpcErrors.MSG_INVALID_REQUEST,
              "batch too large (max " + maxBatchSize + ")"));
    }
    CompletableFuture<List<JsonNode>> chain =
        CompletableFuture.completedFuture(new ArrayList<>(batch.size()));
    for (JsonNode element : batch) {
      chain =
          chain.thenCompose(
              replies ->
                  safeOne(element, origin)
                      .thenApply(
                          reply -> {
                            if (reply != null) {
                              replies.add(reply);
                            }
                            return replies;
                          }));
    }
    return chain.thenApply(
        replies -> {
          if (replies.isEmpty()) {
            return null; // a batch of notifications only: no body (JSON-RPC 2.0 section 6)
          }
          return F.arrayNode(replies.size()).addAll(replies);
        });
  }

  /** {@link #one} with a last line of defence: a bug here must still produce an answer. */
  private CompletableFuture<JsonNode> safeOne(JsonNode request, Origin origin) {
    try {
      return one(request, origin);
    } catch (RuntimeException e) {
      LOG.error("JSON-RPC request handling failed", e);
      counters.reject(RejectReason.INTERNAL_ERROR);
      return done(JsonRpcErrors.error(null, JsonRpcErrors.INTERNAL_ERROR, JsonRpcErrors.MSG_INTERNAL_ERROR));
    }
  }

  private CompletableFuture<JsonNode> one(JsonNode request, Origin origin) {
    counters.jsonRpcCall();
    if (!request.isObject()) {
      counters.reject(RejectReason.INVALID_REQUEST);
      return done(invalidRequest(null));
    }
    JsonNode methodNode = request.get("method");
    JsonNode params = request.get("params");
    boolean exempt = methodNode != null && methodNode.isTextual()
        && RpcMethodRegistry.isBuiltIn(methodNode.textValue());
    if (!exempt) {
      Optional<ProtocolVersionPolicy.Rejection> refused =
          policy.gate(params, origin.queryProtoVer(), origin.queryProtoVerRepeated());
      if (refused.isPresent()) {
        counters.reject(RejectReason.PROTOCOL_VERSION);
        return done(policy.gateBody(refused.get()));
      }
    }

    JsonNode idNode = request.get("id");
    boolean notification = idNode == null;
    boolean idValid = idNode == null || idNode.isTextual() || idNode.isNumber() || idNode.isNull();
    JsonNode id = idValid && idNode != null ? idNode : NullNode.getInstance();
    JsonNode version = request.get("jsonrpc");
    if (!idValid
        || version == null
        || !version.isTextual()
        || !"2.0".equals(version.textValue())
        || methodNode == null
        || !methodNode.isTextual()) {
      counters.reject(RejectReason.INVALID_REQUEST);
      return done(invalidRequest(id));
    }
    String method = methodNode.textValue();
    ObjectNode paramsObject;
    if (params == null) {
      paramsObject = F.objectNode();
    } else if (params.isObject()) {
      paramsObject = (ObjectNode) params;
    } else {
      // AIN's methods take named parameters only (spec 2.2); positional arrays are refused.
      counters.reject(RejectReason.INVALID_PARAMS);
      return reply(notification, JsonRpcErrors.error(
          id, JsonRpcErrors.INVALID_PARAMS, JsonRpcErrors.MSG_INVALID_PARAMS,
          "params must be an object"));
    }

    if (RpcMethodRegistry.GET_PROTOCOL_VERSION.equals(method)) {
      return reply(notification, wrap(id, RpcResult.ok(policy.nodeVersion())));
    }
    if (RpcMethodRegistry.CHECK_PROTOCOL_VERSION.equals(method)) {
      return reply(notification, wrap(id, new RpcResult.Raw(policy.checkWrapper(paramsObject))));
    }
    Optional<RpcHandler> target = registry.handler(method);
    if (target.isEmpty()) {
      counters.reject(RejectReason.METHOD_NOT_FOUND);
      return reply(notification, JsonRpcErrors.error(
          id, JsonRpcErrors.METHOD_NOT_FOUND, JsonRpcErrors.MSG_METHOD_NOT_FOUND));
    }
    return dispatch(target.get(), method, id, paramsObject, origin)
        .thenApply(r -> notification ? null : r);
  }

  private CompletableFuture<JsonNode> dispatch(
      RpcHandler target, String method, JsonNode id, ObjectNode params, Origin origin) {
    long deadline = System.nanoTime() + requestTimeoutNanos;
    RpcContext ctx =
        new RpcContext(method, id, origin.remote(), policy.nodeVersion(), deadline);
    CompletableFuture<JsonNode> out = new CompletableFuture<>();
    Future<?> task;
    counters.inFlightCalls().incrementAndGet();
    if (target instanceof RpcHandler.NonBlocking nb) {
      task = null;
      later(nb.method(), params, ctx).whenComplete((json, t) -> out.complete(json));
    } else {
      RpcMethod blocking = ((RpcHandler.Blocking) target).method();
      try {
        task = workers.submit(() -> out.complete(invoke(blocking, params, ctx)));
      } catch (RejectedExecutionException e) {
        counters.inFlightCalls().decrementAndGet();
        counters.reject(RejectReason.SERVER_BUSY);
        return done(JsonRpcErrors.error(id, JsonRpcErrors.SERVER_BUSY, JsonRpcErrors.MSG_SERVER_BUSY));
      }
    }
    Timeout timeout;
    try {
      timeout =
          timer.newTimeout(
              expired -> {
                if (out.complete(JsonRpcErrors.error(
                    id, JsonRpcErrors.REQUEST_TIMEOUT, JsonRpcErrors.MSG_REQUEST_TIMEOUT))) {
                  counters.reject(RejectReason.TIMEOUT);
                  LOG.warn("JSON-RPC method {} exceeded {} ms; interrupting it",
                      method, TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos));
                  // The answer is already sent; interrupting frees the worker if the method
                  // honours interrupts. One that ignores them keeps its thread until it returns.
                  // A non-blocking method holds no thread; its late answer is dropped.
                  if (task != null) {
                    task.cancel(true);
                  }
                }
              },
              requestTimeoutNanos,
              TimeUnit.NANOSECONDS);
    } catch (IllegalStateException | RejectedExecutionException e) {
      timeout = null; // timer stopped with the server: the method's own answer still counts
    }
    Timeout timeoutFinal = timeout;
    out.whenComplete(
        (r, t) -> {
          counters.inFlightCalls().decrementAndGet();
          if (timeoutFinal != null) {
            timeoutFinal.cancel();
          }
        });
    return out;
  }

  /**
   * Calls a non-blocking method on this thread; its future's result, wrapped, completes the
   * answer. Never fails: a method that throws or fails its future is answered as {@link #invoke}
   * answers a blocking one that throws, and one whose queue is full as a busy server.
   */
  private CompletableFuture<JsonNode> later(AsyncRpcMethod target, ObjectNode params, RpcContext ctx) {
    CompletableFuture<RpcResult> result;
    try {
      result = Objects.requireNonNull(target.call(params, ctx), "method returned null");
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.handle((r, t) -> {
      if (t == null && r == null) {
        t = new IllegalStateException("method completed with null");
      }
      if (t == null) {
        try {
          return toJson(r, ctx);
        } catch (RuntimeException e) {
          t = e;
        }
      }
      Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      if (cause instanceof RejectedExecutionException) {
        counters.reject(RejectReason.SERVER_BUSY);
        return JsonRpcErrors.error(ctx.id(), JsonRpcErrors.SERVER_BUSY, JsonRpcErrors.MSG_SERVER_BUSY);
      }
      LOG.warn("JSON-RPC method {} failed", ctx.method(), cause);
      return internalError(ctx);
    });
  }

  /** A method's failure, counted and answered without its details. */
  private JsonNode internalError(RpcContext ctx) {
    counters.reject(RejectReason.INTERNAL_ERROR);
    return JsonRpcErrors.error(ctx.id(), JsonRpcErrors.INTERNAL_ERROR, JsonRpcErrors.MSG_INTERNAL_ERROR);
  }

  /** Runs on a worker: the method, then the wrapper. Never throws. */
  private JsonNode invoke(RpcMethod target, ObjectNode params, RpcContext ctx) {
    RpcResult result;
    try {
      result = target.call(params, ctx);
      if (result == null) {
        throw new IllegalStateException("method returned null");
      }
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        throw (VirtualMachineError) t; // out of memory etc.: not ours to hide
      }
      if (Thread.currentThread().isInterrupted() || t instanceof InterruptedException) {
        // Interrupted by our own timeout: the caller already has its answer.
        LOG.debug("JSON-RPC method {} interrupted after timeout", ctx.method());
      } else {
        LOG.warn("JSON-RPC method {} failed", ctx.method(), t);
      }
      return internalError(ctx);
    }
    return toJson(result, ctx);
  }

  private JsonNode toJson(RpcResult result, RpcContext ctx) {
    if (result instanceof RpcResult.InvalidParams ip) {
      counters.reject(RejectReason.INVALID_PARAMS);
      return JsonRpcErrors.error(
          ctx.id(), JsonRpcErrors.INVALID_PARAMS, JsonRpcErrors.MSG_INVALID_PARAMS, ip.message());
    }
    return wrap(ctx.id(), result);
  }

  /** AIN's result wrapper (spec 2.3) inside a JSON-RPC success envelope. */
  private JsonNode wrap(JsonNode id, RpcResult result) {
    ObjectNode w;
    if (result instanceof RpcResult.Ok ok) {
      w = F.objectNode();
      w.set("result", ok.payload());
      w.put("protoVer", policy.nodeVersion());
    } else if (result instanceof RpcResult.AinError err) {
      w = F.objectNode();
      w.set("result", err.result());
      w.put("code", err.code());
      w.put("message", err.message());
      w.put("protoVer", policy.nodeVersion());
    } else if (result instanceof RpcResult.Raw raw) {
      w = raw.wrapper();
      if (!w.has("protoVer")) {
        w.put("protoVer", policy.nodeVersion());
      }
    } else {
      throw new IllegalStateException("unexpected result " + result);
    }
    return JsonRpcErrors.success(id, w);
  }

  private static ObjectNode invalidRequest(JsonNode id) {
    return JsonRpcErrors.error(id, JsonRpcErrors.INVALID_REQUEST, JsonRpcErrors.MSG_INVALID_REQUEST);
  }

  private static CompletableFuture<JsonNode> reply(boolean notification, JsonNode response) {
    return done(notification ? null : response);
  }

  private static CompletableFuture<JsonNode> done(JsonNode response) {
    return CompletableFuture.completedFuture(response);
  }
}
