package io.ainj.node.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client for the load generator: one kept-alive connection, one request at
 * a time, {@code Content-Length} bodies only (what the node sends). The JDK's HttpClient costs
 * about a millisecond of CPU and latency per request here, so a generator built on it measures
 * itself more than the node; this one costs tens of microseconds, as wrk does.
 *
 * <p>Not thread-safe: each sender thread owns one.
 */
final class KeepAliveHttp implements AutoCloseable {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private final String host;
  private final int port;
  private final String path;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveHttp(URI uri) {
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : 80;
    this.path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("only http:// URLs are supported: " + uri);
    }
  }

  /** POSTs a JSON body and returns the response body; reconnects once if the server closed. */
  String post(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try {
      return exchange(body);
    } catch (IOException e) {
      close();
      return exchange(body); // the kept-alive connection may have been closed by the server
    }
  }

  private String exchange(byte[] body) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(60_000);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    }
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] req = new byte[h.length + body.length];
    System.arraycopy(h, 0, req, 0, h.length);
    System.arraycopy(body, 0, req, h.length, body.length);
    out.write(req);
    out.flush();
    return readResponse();
  }

  private String readResponse() throws IOException {
    int length = -1;
    boolean close = false;
    String status = readLine();
    if (!status.startsWith("HTTP/1.1 ")) {
      throw new IOException("not an HTTP/1.1 response: " + status);
    }
    int headerBytes = 0;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      headerBytes += line.length();
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new IOException("response headers too large");
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(value);
      } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
        close = true;
      }
    }
    if (length < 0) {
      throw new IOException("response without Content-Length: " + status);
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new IOException("connection closed inside a response body");
    }
    if (close) {
      close();
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
    in = null;
    out = null;
  }
}
