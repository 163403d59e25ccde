package io.ainj.rpc.http;

import io.ainj.rpc.RejectReason;
import io.ainj.rpc.RpcCounters;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Netty's aggregator with the 413 counted. Netty's own oversize handling is kept because it
 * keeps the connection in sync: with a keep-alive client it answers 413 and discards the rest of
 * the body instead of parsing it as the next request; otherwise it closes after the 413. Either
 * way no byte of an oversized body is buffered.
 */
final class CountingAggregator extends HttpObjectAggregator {
  private final RpcCounters counters;

  CountingAggregator(int maxContentLength, RpcCounters counters) {
    super(maxContentLength);
    this.counters = counters;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    counters.reject(RejectReason.BODY_TOO_LARGE);
    super.handleOversizedMessage(ctx, oversized);
  }
}
