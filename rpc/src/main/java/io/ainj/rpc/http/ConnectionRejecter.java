package io.ainj.rpc.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline of a connection over the cap: a fixed 503 without parsing anything.
 *
 * <p>Closing right after the write would make Linux send RST if the client's request is still
 * unread in the socket buffer, and the client would see "connection reset" instead of the 503.
 * So: write, half-close our side, discard whatever arrives, close when the client does or after
 * a short linger.
 */
final class ConnectionRejecter extends ChannelInboundHandlerAdapter {
  private static final byte[] RESPONSE =
      ("HTTP/1.1 503 Service Unavailable\r\n"
              + "Content-Type: text/plain; charset=utf-8\r\n"
              + "Content-Length: 27\r\n"
              + "Connection: close\r\n"
              + "\r\n"
              + "Too many open connections.\n")
          .getBytes(StandardCharsets.US_ASCII);

  private static final long LINGER_MILLIS = 1000;

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(RESPONSE))
        .addListener(
            f -> {
              if (ctx.channel() instanceof SocketChannel sc && f.isSuccess()) {
                sc.shutdownOutput();
              }
              ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
