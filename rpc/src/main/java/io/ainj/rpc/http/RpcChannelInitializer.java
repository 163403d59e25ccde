package io.ainj.rpc.http;

import io.ainj.rpc.RejectReason;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/** Builds each accepted connection's pipeline, or the 503 pipeline when over the cap. */
public final class RpcChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Request line limit; a longer URI gets 414. */
  private static final int MAX_INITIAL_LINE = 8192;
  /** Pipelined requests a client may have outstanding before it is disconnected. */
  private static final int MAX_PIPELINE_DEPTH = 16;

  private final HttpServices services;
  private final ChannelGroup channels;

  public RpcChannelInitializer(HttpServices services, ChannelGroup channels) {
    this.services = services;
    this.channels = channels;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    int open = services.counters.openConnections().incrementAndGet();
    if (open > services.config.maxConnections()) {
      // Not counted as open: the rejecter holds no request state and lingers only briefly.
      services.counters.openConnections().decrementAndGet();
      services.counters.reject(RejectReason.TOO_MANY_CONNECTIONS);
      ch.pipeline().addLast(new ConnectionRejecter());
      return;
    }
    ch.closeFuture().addListener(f -> services.counters.openConnections().decrementAndGet());
    channels.add(ch);
    ConnectionGuard guard =
        new ConnectionGuard(
            services.config.requestReadTimeout().toNanos(),
            services.config.idleTimeout().toNanos(),
            services.counters);
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_INITIAL_LINE)
            .setMaxHeaderSize(services.config.maxHeaderBytes())
            .setMaxChunkSize(64 * 1024);
    ch.pipeline()
        .addLast("guard-bytes", guard.bytes())
        .addLast("http", new HttpServerCodec(decoder, MAX_PIPELINE_DEPTH))
        .addLast("guard-http", guard.http())
        .addLast("aggregate", new CountingAggregator(services.config.maxRequestBodyBytes(),
            services.counters))
        .addLast("route", new HttpRouter(services, MAX_PIPELINE_DEPTH));
  }
}
