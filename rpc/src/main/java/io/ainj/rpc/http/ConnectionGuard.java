package io.ainj.rpc.http;

import io.ainj.rpc.RejectReason;
import io.ainj.rpc.RpcCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Per-connection time limits. Netty's IdleStateHandler only notices silence, and a slowloris
 * client is never silent: it trickles a header byte every few seconds. So two clocks:
 *
 * <ul>
 *   <li>request read deadline: from the first byte of a request to its last must take less
 *       than {@code readTimeout}, else HTTP 408 and close;
 *   <li>idle deadline: with no request being read and no response owed, the connection is
 *       closed after {@code idleTimeout} without traffic.
 * </ul>
 *
 * While a response is owed neither clock runs; the processing timeout bounds that phase.
 *
 * <p>Two handlers share this state: {@link #bytes()} sits before the HTTP decoder (it sees the
 * first byte of a request, before any header is complete), {@link #http()} after it (it sees
 * where a request ends and when a response has been written). All state is confined to the
 * channel's event loop.
 */
final class ConnectionGuard {
  private static final byte[] REQUEST_TIMEOUT_RESPONSE =
      ("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final long readTimeoutNanos;
  private final long idleTimeoutNanos;
  private final RpcCounters counters;

  private ChannelHandlerContext bytesCtx;
  private boolean readingRequest;
  private long requestStartNanos;
  private long lastActivityNanos;
  private long requestsCompleted;
  private long responsesWritten;
  private ScheduledFuture<?> check;
  private boolean closed;

  ConnectionGuard(long readTimeoutNanos, long idleTimeoutNanos, RpcCounters counters) {
    this.readTimeoutNanos = readTimeoutNanos;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.counters = counters;
  }

  ChannelInboundHandlerAdapter bytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        bytesCtx = ctx;
      }

      @Override
      public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastActivityNanos = System.nanoTime();
        schedule(idleTimeoutNanos);
        super.channelActive(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        lastActivityNanos = now;
        if (!readingRequest && msg instanceof ByteBuf b && b.isReadable()) {
          readingRequest = true;
          requestStartNanos = now;
          schedule(readTimeoutNanos); // the idle check may be due much later
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (check != null) {
          check.cancel(false);
        }
        super.channelInactive(ctx);
      }
    };
  }

  ChannelDuplexHandler http() {
    return new ChannelDuplexHandler() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
          // A complete request, or a decoder failure (also delivered as a full message).
          readingRequest = false;
          requestsCompleted++;
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim =
            msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL; // 100-continue
        if (msg instanceof LastHttpContent && !interim) {
          ChannelPromise p = promise.unvoid();
          p.addListener(
              f -> {
                responsesWritten++;
                lastActivityNanos = System.nanoTime();
              });
          ctx.write(msg, p);
        } else {
          ctx.write(msg, promise);
        }
      }
    };
  }

  private void schedule(long delayNanos) {
    if (closed) {
      return;
    }
    if (check != null) {
      check.cancel(false);
    }
    check = bytesCtx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (readingRequest) {
      long left = requestStartNanos + readTimeoutNanos - now;
      if (left > 0) {
        schedule(left);
        return;
      }
      counters.reject(RejectReason.SLOW_REQUEST);
      closed = true;
      if (responsesWritten >= requestsCompleted) {
        // Written below the HTTP encoder: the decoder is mid-request, so no HttpResponse object
        // path is in a sane state; raw bytes are.
        bytesCtx
            .writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT_RESPONSE))
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        bytesCtx.close();
      }
    } else if (responsesWritten >= requestsCompleted) {
      long left = lastActivityNanos + idleTimeoutNanos - now;
      if (left > 0) {
        schedule(left);
        return;
      }
      counters.idleClosed();
      closed = true;
      bytesCtx.close();
    } else {
      // A response is owed; the processing timeout guarantees it comes. Look again later.
      schedule(idleTimeoutNanos);
    }
  }
}
