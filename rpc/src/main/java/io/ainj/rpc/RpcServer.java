package io.ainj.rpc;

import io.ainj.rpc.http.HttpServices;
import io.ainj.rpc.http.RpcChannelInitializer;
import io.ainj.rpc.jsonrpc.JsonRpcProcessor;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC HTTP server. Lifecycle: construct, {@link #start()} once, {@link #close()} once
 * (idempotent). Methods run on a bounded worker pool, never on the Netty event loops.
 *
 * <pre>{@code
 * RpcMethodRegistry methods = RpcMethodRegistry.builder()
 *     .register("ain_getNonce", (params, ctx) -> RpcResult.ok(nonceOf(params)))
 *     .build();
 * try (RpcServer server = new RpcServer(config, methods, RpcProbes.defaults()
 *     .withReadiness(node::isServing))) {
 *   InetSocketAddress bound = server.start();
 *   ...
 * }
 * }</pre>
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
  private static final long DRAIN_POLL_MILLIS = 10;

  private final RpcServerConfig config;
  private final RpcCounters counters = new RpcCounters();
  private final EventLoopGroup group;
  private final ThreadPoolExecutor workers;
  private final HashedWheelTimer timeouts;
  private final HttpServices services;
  private final ChannelGroup channels;

  private Channel serverChannel;
  private InetSocketAddress bound;
  private boolean started;
  private boolean closed;

  public RpcServer(RpcServerConfig config, RpcMethodRegistry methods, RpcProbes probes) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(methods, "methods");
    Objects.requireNonNull(probes, "probes");
    this.group =
        new MultiThreadIoEventLoopGroup(
            config.ioThreads(),
            new DefaultThreadFactory("ainj-rpc-io", true),
            NioIoHandler.newFactory());
    AtomicInteger n = new AtomicInteger();
    // Fixed size, bounded queue, AbortPolicy: a full pool answers "server busy" at once rather
    // than queueing without bound or running methods on the event loop (CallerRuns would).
    this.workers =
        new ThreadPoolExecutor(
            config.workerThreads(),
            config.workerThreads(),
            0L,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.workerQueueCapacity()),
            r -> {
              Thread t = new Thread(r, "ainj-rpc-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    // Request timeouts are seconds long: a 50 ms tick is precise enough, and a call costs a
    // queue insert and a cancel, never a wake-up of another thread.
    this.timeouts = new HashedWheelTimer(
        new DefaultThreadFactory("ainj-rpc-timeouts", true), 50, TimeUnit.MILLISECONDS);
    JsonRpcProcessor processor =
        new JsonRpcProcessor(
            config.protocol(),
            methods,
            workers,
            timeouts,
            config.requestTimeout(),
            config.maxBatchSize(),
            counters);
    this.services = new HttpServices(config, processor, probes, counters);
    this.channels = new DefaultChannelGroup("ainj-rpc", GlobalEventExecutor.INSTANCE);
  }

  /**
   * Binds and starts serving.
   *
   * @return the bound address (with the real port when the config asked for port 0)
   * @throws IllegalStateException if already started or closed, or the bind fails (the cause
   *     says why, e.g. a {@link java.net.BindException})
   */
  public synchronized InetSocketAddress start() {
    if (started || closed) {
      throw new IllegalStateException("an RpcServer starts once");
    }
    started = true;
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new RpcChannelInitializer(services, channels));
    ChannelFuture f = b.bind(config.host(), config.port()).awaitUninterruptibly();
    if (!f.isSuccess()) {
      shutdownResources();
      closed = true;
      throw new IllegalStateException(
          "cannot bind JSON-RPC server to " + config.host() + ":" + config.port(), f.cause());
    }
    serverChannel = f.channel();
    bound = (InetSocketAddress) serverChannel.localAddress();
    LOG.info("JSON-RPC server listening on {}", bound);
    return bound;
  }

  /** The address passed back by {@link #start()}, or null before it. */
  public synchronized InetSocketAddress boundAddress() {
    return bound;
  }

  public RpcStats stats() {
    return counters.snapshot();
  }

  /**
   * Stops accepting connections, lets in-flight requests finish (new requests on open
   * connections get 503) for at most the configured grace period, then closes every connection
   * and stops the threads. Methods still running after that are interrupted.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    services.startClosing();
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    long deadline = System.nanoTime() + config.shutdownGracePeriod().toNanos();
    while (services.inFlight() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(DRAIN_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (services.inFlight() > 0) {
      LOG.warn("JSON-RPC server closing with {} requests still in flight", services.inFlight());
    }
    channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    shutdownResources();
    LOG.info("JSON-RPC server stopped");
  }

  private void shutdownResources() {
    workers.shutdownNow();
    timeouts.stop();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    try {
      workers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
