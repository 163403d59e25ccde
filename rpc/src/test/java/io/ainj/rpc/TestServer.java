package io.ainj.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A real server on an ephemeral loopback port plus clients to poke it. */
final class TestServer implements AutoCloseable {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  final RpcServer server;
  final InetSocketAddress address;

  TestServer(RpcServerConfig.Builder config, RpcMethodRegistry methods, RpcProbes probes) {
    server = new RpcServer(config.host("127.0.0.1").port(0).build(), methods, probes);
    address = server.start();
  }

  static RpcServerConfig.Builder config() {
    return RpcServerConfig.builder()
        .ioThreads(1)
        .workerThreads(2)
        .requestTimeout(Duration.ofSeconds(5))
        .shutdownGracePeriod(Duration.ofSeconds(2));
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + address.getPort() + pathAndQuery);
  }

  HttpResponse<String> post(String body) {
    return post("/json-rpc", body);
  }

  HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> postBytes(byte[] body) {
    return send(
        HttpRequest.newBuilder(uri("/json-rpc"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  static HttpResponse<String> send(HttpRequest req) {
    try {
      return CLIENT.send(
          HttpRequest.newBuilder(req, (n, v) -> true).timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Socket socket() throws IOException {
    Socket s = new Socket();
    s.connect(address, 5000);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Writes raw bytes and reads until the server closes (or the socket times out). */
  static String exchange(Socket s, String raw) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return readAll(s);
  }

  static String readAll(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder sb = new StringBuilder();
    byte[] buf = new byte[4096];
    int n;
    while ((n = in.read(buf)) > 0) {
      sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
    }
    return sb.toString();
  }

  /** Polls a condition the server reaches asynchronously (connection registration, counters). */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  long rejected(RejectReason r) {
    return server.stats().rejected(r);
  }

  @Override
  public void close() {
    server.close();
  }
}
