package io.ainj.p2p;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions over TCP: a server on the P2P port and a dialer that keeps one connection to every
 * configured peer endpoint, redialing after {@link P2pConfig#reconnectMillis()}. Each frame is
 * length-prefixed (4 bytes); a frame over the limit, an undecodable one or a protocol violation
 * closes that connection and costs the peer score, nothing more.
 */
public final class NettyTransport extends AbstractTransport {
  private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

  private final String host;
  private final int port;
  private final List<InetSocketAddress> endpoints;
  private final Map<InetSocketAddress, Channel> dialed = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, String> endpointPeer = new ConcurrentHashMap<>();
  private EventLoopGroup group;
  private Channel server;
  private InetSocketAddress bound;

  /**
   * @param host the address to listen on
   * @param port the P2P port (0 picks a free one)
   * @param endpoints peers to dial
   */
  public NettyTransport(NodeIdentity identity, P2pConfig config, String host, int port,
      List<InetSocketAddress> endpoints) {
    super(identity, config);
    this.host = host;
    this.port = port;
    this.endpoints = List.copyOf(endpoints);
  }

  @Override
  public synchronized void start(MessageHandler handler) throws IOException {
    setHandler(handler);
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ServerBootstrap sb = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .childHandler(initializer(false, null));
    try {
      server = sb.bind(host, port).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding the P2P port", e);
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    bound = (InetSocketAddress) server.localAddress();
    LOG.info("P2P listening on {}:{} as {} ({} peers to dial)", bound.getHostString(), bound.getPort(),
        address(), endpoints.size());
    every(this::dialMissing, config().reconnectMillis());
    every(this::pingAll, Math.max(1, config().idleTimeoutMillis() / 3));
    dialMissing();
  }

  /** The bound P2P address (after {@link #start}). */
  public InetSocketAddress boundAddress() {
    return bound;
  }

  private WriteBufferWaterMark waterMark() {
    long high = Math.min(Integer.MAX_VALUE, config().maxPendingOutboundBytes());
    return new WriteBufferWaterMark((int) Math.max(1, high / 2), (int) high);
  }

  private void dialMissing() {
    if (closed || group.isShuttingDown()) {
      return;
    }
    try {
      dialEach();
    } catch (IllegalStateException | java.util.concurrent.RejectedExecutionException e) {
      // closing: the event loops are gone
    }
  }

  private void dialEach() {
    for (InetSocketAddress ep : endpoints) {
      Channel ch = dialed.get(ep);
      if (ch != null && ch.isOpen()) {
        continue;
      }
      String known = endpointPeer.get(ep);
      if (known != null && isConnected(known)) {
        continue; // it dialed us; one session per peer is enough
      }
      Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3_000)
          .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
          .handler(initializer(true, ep));
      ChannelFuture f = b.connect(ep);
      dialed.put(ep, f.channel());
      f.addListener(done -> {
        if (!done.isSuccess()) {
          LOG.debug("dialing {} failed: {}", ep, done.cause() == null ? "?" : done.cause().toString());
        }
      });
    }
  }

  private ChannelInitializer<SocketChannel> initializer(boolean outbound, InetSocketAddress endpoint) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        long idle = config().idleTimeoutMillis();
        ch.pipeline()
            .addLast(new FlushConsolidationHandler(256, true))
            .addLast(new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS))
            .addLast(new LengthFieldBasedFrameDecoder(config().maxFrameBytes(), 0, 4, 0, 4))
            .addLast(new LengthFieldPrepender(4))
            .addLast(new Handler(outbound, endpoint));
      }
    };
  }

  private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
    private final boolean outbound;
    private final InetSocketAddress endpoint;
    private Session session;

    Handler(boolean outbound, InetSocketAddress endpoint) {
      this.outbound = outbound;
      this.endpoint = endpoint;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      if (closed) {
        ctx.close();
        return;
      }
      Channel ch = ctx.channel();
      session = newSession(new Link() {
        @Override
        public boolean write(byte[] frame) {
          if (!ch.isActive() || !ch.isWritable()) {
            return false;
          }
          ch.writeAndFlush(Unpooled.wrappedBuffer(frame), ch.voidPromise());
          return true;
        }

        @Override
        public String remote() {
          return String.valueOf(ch.remoteAddress());
        }

        @Override
        public boolean outbound() {
          return outbound;
        }

        @Override
        public void close() {
          ch.close();
        }
      });
      session.start();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      session.onFrame(ByteBufUtil.getBytes(msg));
      if (endpoint != null && session.peer() != null) {
        endpointPeer.putIfAbsent(endpoint, session.peer());
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE && session != null) {
        session.close("silent for " + config().idleTimeoutMillis() + " ms");
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (session != null) {
        session.close("connection closed");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof TooLongFrameException || cause instanceof DecoderException) {
        stats().malformed.incrementAndGet();
        String who = session != null && session.peer() != null ? session.peer() : String.valueOf(ctx.channel().remoteAddress());
        scores().penalize(who, PeerScores.MALFORMED);
        LOG.warn("closing connection {}: {}", who, cause.toString());
      } else {
        LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      }
      if (session != null) {
        session.close(cause.toString());
      }
      ctx.close();
    }
  }

  @Override
  public synchronized void close() {
    closeAllSessions();
    if (server != null) {
      server.close();
    }
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
