package io.ainj.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinJson;
import io.ainj.rpc.RejectReason;
import io.ainj.rpc.jsonrpc.JsonRpcProcessor;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes complete requests of one connection and answers them in order.
 *
 * <p>One request at a time: while a response is owed the channel stops reading (backpressure
 * for pipelining clients and a bound on per-connection work); requests the decoder had already
 * produced wait in a short queue. Reads resume once the response is written.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

  static final String JSON_RPC = "/json-rpc";
  static final String ROOT = "/";
  static final String LIVENESS = "/liveness";
  static final String READINESS = "/readiness";
  static final String STATUS = "/status";
  static final String HEALTH_CHECK = "/health_check";
  static final String LAST_BLOCK_NUMBER = "/last_block_number";
  private static final Set<String> GET_ROUTES =
      Set.of(ROOT, LIVENESS, READINESS, STATUS, HEALTH_CHECK, LAST_BLOCK_NUMBER);

  private static final String JSON = "application/json; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final HttpServices s;
  private final int maxQueued;
  private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
  private boolean busy;

  HttpRouter(HttpServices services, int maxQueued) {
    super(FullHttpRequest.class, true);
    this.s = services;
    this.maxQueued = maxQueued;
  }

  /** What the response needs from its request after the request's buffers are released. */
  private record Exchange(boolean keepAlive, HttpVersion version, String origin) {}

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (busy) {
      if (queued.size() >= maxQueued) {
        LOG.debug("closing {}: too many pipelined requests", ctx.channel().remoteAddress());
        s.counters.reject(RejectReason.MALFORMED_HTTP);
        ctx.close();
        return;
      }
      queued.add(req.retain());
      return;
    }
    start(ctx, req);
  }

  private void start(ChannelHandlerContext ctx, FullHttpRequest req) {
    busy = true;
    ctx.channel().config().setAutoRead(false);
    s.counters.httpRequest();
    s.requestStarted();
    Exchange ex =
        new Exchange(
            HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess() && !s.isClosing(),
            req.protocolVersion(),
            req.headers().get(HttpHeaderNames.ORIGIN));
    try {
      route(ctx, req, ex);
    } catch (RuntimeException e) {
      LOG.error("HTTP routing failed", e);
      respond(ctx, ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, "Internal error\n", false);
    }
  }

  private void route(ChannelHandlerContext ctx, FullHttpRequest req, Exchange ex) {
    if (req.decoderResult().isFailure()) {
      Throwable cause = req.decoderResult().cause();
      HttpResponseStatus status =
          cause instanceof TooLongHttpLineException
              ? HttpResponseStatus.REQUEST_URI_TOO_LONG
              : cause instanceof TooLongHttpHeaderException
                  ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                  : cause instanceof TooLongFrameException
                      ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                      : HttpResponseStatus.BAD_REQUEST;
      LOG.debug("malformed HTTP from {}: {}", ctx.channel().remoteAddress(), cause.toString());
      s.counters.reject(RejectReason.MALFORMED_HTTP);
      // The decoder discards everything after a bad message, so the connection is done.
      respond(ctx, ex, status, TEXT, status.reasonPhrase() + "\n", false);
      return;
    }
    if (s.isClosing()) {
      s.counters.reject(RejectReason.SHUTTING_DOWN);
      respond(ctx, ex, HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, "Shutting down\n", false);
      return;
    }
    QueryStringDecoder uri;
    String path;
    try {
      uri = new QueryStringDecoder(req.uri());
      path = normalize(uri.path());
    } catch (IllegalArgumentException e) { // bad percent-encoding
      s.counters.reject(RejectReason.MALFORMED_HTTP);
      respond(ctx, ex, HttpResponseStatus.BAD_REQUEST, TEXT, "Bad Request\n", false);
      return;
    }
    boolean known = JSON_RPC.equals(path) || GET_ROUTES.contains(path);
    if (!known) {
      s.counters.reject(RejectReason.NOT_FOUND);
      respond(ctx, ex, HttpResponseStatus.NOT_FOUND, TEXT, "Not Found\n", ex.keepAlive());
      return;
    }
    HttpMethod method = req.method();
    if (HttpMethod.OPTIONS.equals(method)) {
      preflight(ctx, ex, path);
      return;
    }
    if (JSON_RPC.equals(path)) {
      if (!HttpMethod.POST.equals(method)) {
        methodNotAllowed(ctx, ex, "POST, OPTIONS");
        return;
      }
      jsonRpc(ctx, req, uri, ex);
      return;
    }
    if (!HttpMethod.GET.equals(method)) {
      methodNotAllowed(ctx, ex, "GET, OPTIONS");
      return;
    }
    get(ctx, ex, path);
  }

  /** Express routes ignore one trailing slash ("/json-rpc/" is "/json-rpc"). */
  private static String normalize(String path) {
    if (path.length() > 1 && path.endsWith("/")) {
      return path.substring(0, path.length() - 1);
    }
    return path;
  }

  private void jsonRpc(
      ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, Exchange ex) {
    byte[] body = ByteBufUtil.getBytes(req.content());
    List<String> pv = uri.parameters().get("protoVer");
    JsonRpcProcessor.Origin origin =
        new JsonRpcProcessor.Origin(
            pv == null || pv.isEmpty() ? null : pv.get(0),
            pv != null && pv.size() > 1,
            ctx.channel().remoteAddress());
    s.processor
        .handle(body, origin)
        .whenComplete(
            (json, err) -> {
              Runnable send =
                  () -> {
                    if (err != null) { // the processor never fails; defensive
                      LOG.error("JSON-RPC processing failed", err);
                      respond(ctx, ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT,
                          "Internal error\n", false);
                    } else {
                      sendJsonRpc(ctx, ex, json);
                    }
                  };
              if (ctx.executor().inEventLoop()) {
                send.run();
              } else {
                try {
                  ctx.executor().execute(send);
                } catch (RuntimeException e) { // event loop already shut down
                  s.requestFinished();
                }
              }
            });
  }

  private void sendJsonRpc(ChannelHandlerContext ctx, Exchange ex, JsonNode json) {
    if (json == null) {
      respond(ctx, ex, HttpResponseStatus.NO_CONTENT, null, (byte[]) null, ex.keepAlive());
      return;
    }
    byte[] bytes;
    try {
      bytes = AinJson.writeJs(json);
    } catch (RuntimeException e) {
      LOG.error("cannot serialise a JSON-RPC response", e);
      respond(ctx, ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, "Internal error\n", false);
      return;
    }
    // Always HTTP 200, errors included: JSON-RPC errors and AIN's gate objects are answers,
    // and axios (ain-js) would hide a non-2xx body behind an exception.
    respond(ctx, ex, HttpResponseStatus.OK, JSON, bytes, ex.keepAlive());
  }

  private void get(ChannelHandlerContext ctx, Exchange ex, String path) {
    switch (path) {
      case ROOT -> respond(ctx, ex, HttpResponseStatus.OK, TEXT, s.welcome, ex.keepAlive());
      case LIVENESS -> respond(ctx, ex, HttpResponseStatus.OK, TEXT, "ok\n", ex.keepAlive());
      case READINESS -> {
        boolean ready = probe(() -> s.probes.readiness().getAsBoolean(), "readiness");
        respond(ctx, ex, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
            TEXT, ready ? "ready\n" : "not ready\n", ex.keepAlive());
      }
      case HEALTH_CHECK -> {
        // AIN answers the bare JSON boolean "is the node serving" with status 200.
        boolean healthy = probe(() -> s.probes.health().getAsBoolean(), "health");
        respond(ctx, ex, HttpResponseStatus.OK, JSON, healthy ? "true" : "false", ex.keepAlive());
      }
      case STATUS -> {
        try {
          JsonNode status = s.probes.status().get();
          respond(ctx, ex, HttpResponseStatus.OK, JSON,
              AinJson.writeJs(status), ex.keepAlive());
        } catch (RuntimeException e) {
          LOG.warn("status probe failed", e);
          respond(ctx, ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, JSON,
              "{\"error\":\"status unavailable\"}", ex.keepAlive());
        }
      }
      case LAST_BLOCK_NUMBER -> {
        try {
          ObjectNode body = JsonNodeFactory.instance.objectNode();
          body.put("code", 0);
          body.put("result", s.probes.lastBlockNumber().getAsLong());
          respond(ctx, ex, HttpResponseStatus.OK, JSON,
              AinJson.writeJs(body), ex.keepAlive());
        } catch (RuntimeException e) {
          LOG.warn("last block number probe failed", e);
          respond(ctx, ex, HttpResponseStatus.INTERNAL_SERVER_ERROR, JSON,
              "{\"code\":1,\"result\":null}", ex.keepAlive());
        }
      }
      default -> throw new IllegalStateException("unrouted path " + path);
    }
  }

  private interface BooleanProbe {
    boolean get();
  }

  private static boolean probe(BooleanProbe probe, String name) {
    try {
      return probe.get();
    } catch (RuntimeException e) {
      LOG.warn("{} probe failed", name, e);
      return false;
    }
  }

  private void preflight(ChannelHandlerContext ctx, Exchange ex, String path) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(ex.version(), HttpResponseStatus.NO_CONTENT);
    res.headers().set(HttpHeaderNames.ALLOW,
        JSON_RPC.equals(path) ? "POST, OPTIONS" : "GET, OPTIONS");
    s.cors.decoratePreflight(res.headers(), ex.origin());
    send(ctx, ex, res, ex.keepAlive());
  }

  private void methodNotAllowed(ChannelHandlerContext ctx, Exchange ex, String allow) {
    s.counters.reject(RejectReason.METHOD_NOT_ALLOWED);
    FullHttpResponse res =
        response(ex, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT,
            "Method Not Allowed\n".getBytes(StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.ALLOW, allow);
    send(ctx, ex, res, ex.keepAlive());
  }

  private void respond(ChannelHandlerContext ctx, Exchange ex, HttpResponseStatus status,
      String contentType, String body, boolean keepAlive) {
    respond(ctx, ex, status, contentType,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8), keepAlive);
  }

  private void respond(ChannelHandlerContext ctx, Exchange ex, HttpResponseStatus status,
      String contentType, byte[] body, boolean keepAlive) {
    send(ctx, ex, response(ex, status, contentType, body), keepAlive);
  }

  private static FullHttpResponse response(
      Exchange ex, HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            ex.version(),
            status,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    if (contentType != null) {
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    return res;
  }

  /** Every response leaves through here: headers, ordering, connection fate, drain count. */
  private void send(ChannelHandlerContext ctx, Exchange ex, FullHttpResponse res, boolean keepAlive) {
    boolean keep = keepAlive && !s.isClosing() && ctx.channel().isActive();
    if (res.status().code() != HttpResponseStatus.NO_CONTENT.code()) {
      HttpUtil.setContentLength(res, res.content().readableBytes());
    }
    s.cors.decorate(res.headers(), ex.origin());
    if (!keep) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (ex.version().equals(HttpVersion.HTTP_1_0)) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ctx.writeAndFlush(res)
        .addListener(
            f -> {
              s.requestFinished();
              if (!keep || !f.isSuccess()) {
                ctx.close();
                return;
              }
              next(ctx);
            });
  }

  private void next(ChannelHandlerContext ctx) {
    busy = false;
    FullHttpRequest pending = queued.poll();
    if (pending == null) {
      ctx.channel().config().setAutoRead(true);
      return;
    }
    try {
      start(ctx, pending);
    } finally {
      pending.release();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    FullHttpRequest r;
    while ((r = queued.poll()) != null) {
      r.release();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are the client's business; anything else is still only this
    // connection's problem.
    LOG.debug("closing {} after {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
