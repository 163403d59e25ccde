package io.ainj.rpc;

import io.ainj.rpc.version.ProtocolVersionPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Immutable settings of the JSON-RPC server. Build with {@link #builder()}; every field has a
 * named default. Only the node maps flags, environment and files onto this.
 *
 * @param host interface to bind ("0.0.0.0" for all)
 * @param port TCP port; 0 picks an ephemeral one, reported by {@link RpcServer#start()}
 * @param maxRequestBodyBytes larger bodies get HTTP 413 (AIN: express.json's 100kb)
 * @param maxHeaderBytes total request-header size; larger gets HTTP 431
 * @param maxConnections concurrent client connections; excess ones get HTTP 503 and are closed
 * @param requestReadTimeout a request's bytes, from its first byte to its last, must arrive
 *     within this (slowloris defence); otherwise HTTP 408 and close
 * @param idleTimeout a keep-alive connection with no request in progress is closed after this
 * @param requestTimeout a method still running after this is answered with JSON-RPC -32001
 *     and interrupted
 * @param ioThreads Netty event-loop threads (accept, parse, write)
 * @param workerThreads threads that run methods
 * @param workerQueueCapacity calls waiting for a worker; beyond it, JSON-RPC -32000
 *     "server busy" instead of unbounded queueing
 * @param maxBatchSize longest JSON-RPC batch accepted (-32600 beyond)
 * @param corsAllowedOrigins regex an {@code Origin} must fully match to get CORS headers; null
 *     disables CORS (non-browser clients such as ain-js in Node.js send no Origin)
 * @param shutdownGracePeriod how long {@link RpcServer#close()} waits for in-flight requests
 * @param protocol node version and accepted client versions
 */
public record RpcServerConfig(
    String host,
    int port,
    int maxRequestBodyBytes,
    int maxHeaderBytes,
    int maxConnections,
    Duration requestReadTimeout,
    Duration idleTimeout,
    Duration requestTimeout,
    int ioThreads,
    int workerThreads,
    int workerQueueCapacity,
    int maxBatchSize,
    String corsAllowedOrigins,
    Duration shutdownGracePeriod,
    ProtocolVersionPolicy protocol) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  /** AIN's default PORT. */
  public static final int DEFAULT_PORT = 8080;
  /** express.json({limit: '100kb'}): body-parser counts kb as 1024 bytes. */
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 100 * 1024;
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_IO_THREADS =
      Math.min(2, Runtime.getRuntime().availableProcessors());
  public static final int DEFAULT_WORKER_THREADS =
      Math.max(2, Runtime.getRuntime().availableProcessors());
  public static final int DEFAULT_WORKER_QUEUE_CAPACITY = 256;
  /** AIN's batch_tx_list_size_limit, reused as the JSON-RPC batch cap. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 50;
  /** AIN's default CORS whitelist: *.ainetwork.ai, *.ainize.ai, *.afan.ai, localhost:3000. */
  public static final String DEFAULT_CORS_ALLOWED_ORIGINS =
      "https?://(?:[a-z0-9-]+\\.)*(?:ainetwork|ainize|afan)\\.ai|http://localhost:3000";
  public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(10);

  public RpcServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(protocol, "protocol");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    positive("maxRequestBodyBytes", maxRequestBodyBytes);
    positive("maxHeaderBytes", maxHeaderBytes);
    positive("maxConnections", maxConnections);
    positive("ioThreads", ioThreads);
    positive("workerThreads", workerThreads);
    positive("workerQueueCapacity", workerQueueCapacity);
    positive("maxBatchSize", maxBatchSize);
    positive("requestReadTimeout", requestReadTimeout);
    positive("idleTimeout", idleTimeout);
    positive("requestTimeout", requestTimeout);
    Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
    if (shutdownGracePeriod.isNegative()) {
      throw new IllegalArgumentException("shutdownGracePeriod must not be negative");
    }
    if (corsAllowedOrigins != null) {
      try {
        Pattern.compile(corsAllowedOrigins);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("corsAllowedOrigins is not a regex: " + e.getMessage());
      }
    }
  }

  public static RpcServerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder preloaded with this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .maxRequestBodyBytes(maxRequestBodyBytes)
        .maxHeaderBytes(maxHeaderBytes)
        .maxConnections(maxConnections)
        .requestReadTimeout(requestReadTimeout)
        .idleTimeout(idleTimeout)
        .requestTimeout(requestTimeout)
        .ioThreads(ioThreads)
        .workerThreads(workerThreads)
        .workerQueueCapacity(workerQueueCapacity)
        .maxBatchSize(maxBatchSize)
        .corsAllowedOrigins(corsAllowedOrigins)
        .shutdownGracePeriod(shutdownGracePeriod)
        .protocol(protocol);
  }

  private static void positive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration requestReadTimeout = DEFAULT_REQUEST_READ_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int ioThreads = DEFAULT_IO_THREADS;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private int workerQueueCapacity = DEFAULT_WORKER_QUEUE_CAPACITY;
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
    private String corsAllowedOrigins = DEFAULT_CORS_ALLOWED_ORIGINS;
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private ProtocolVersionPolicy protocol = ProtocolVersionPolicy.defaults();

    private Builder() {}

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder maxRequestBodyBytes(int v) {
      maxRequestBodyBytes = v;
      return this;
    }

    public Builder maxHeaderBytes(int v) {
      maxHeaderBytes = v;
      return this;
    }

    public Builder maxConnections(int v) {
      maxConnections = v;
      return this;
    }

    public Builder requestReadTimeout(Duration v) {
      requestReadTimeout = v;
      return this;
    }

    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    public Builder ioThreads(int v) {
      ioThreads = v;
      return this;
    }

    public Builder workerThreads(int v) {
      workerThreads = v;
      return this;
    }

    public Builder workerQueueCapacity(int v) {
      workerQueueCapacity = v;
      return this;
    }

    public Builder maxBatchSize(int v) {
      maxBatchSize = v;
      return this;
    }

    /** Null disables CORS. */
    public Builder corsAllowedOrigins(String v) {
      corsAllowedOrigins = v;
      return this;
    }

    public Builder shutdownGracePeriod(Duration v) {
      shutdownGracePeriod = v;
      return this;
    }

    public Builder protocol(ProtocolVersionPolicy v) {
      protocol = v;
      return this;
    }

    public RpcServerConfig build() {
      return new RpcServerConfig(
          host,
          port,
          maxRequestBodyBytes,
          maxHeaderBytes,
          maxConnections,
          requestReadTimeout,
          idleTimeout,
          requestTimeout,
          ioThreads,
          workerThreads,
          workerQueueCapacity,
          maxBatchSize,
          corsAllowedOrigins,
          shutdownGracePeriod,
          protocol);
    }
  }
}
