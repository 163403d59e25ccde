package io.ainj.node.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.EcdsaBackends;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node started as a real OS process from the shaded jar, and a small JSON-RPC client for it. */
final class NodeProcess implements AutoCloseable {
  static final AinCrypto CRYPTO = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
  private static final Pattern READY = Pattern.compile("JSON-RPC (http://\\S+/json-rpc)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  final String url;
  private final List<String> output;
  private final Thread reader;

  private NodeProcess(Process process, String url, List<String> output, Thread reader) {
    this.process = process;
    this.url = url;
    this.output = output;
    this.reader = reader;
  }

  /** Everything the process printed so far. */
  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  static Path jar() {
    String jar = System.getProperty("ainj.jar");
    if (jar == null) {
      throw new IllegalStateException("system property ainj.jar is not set (run through failsafe)");
    }
    return Path.of(jar);
  }

  /** Starts {@code ainj start --dev} and waits until it serves JSON-RPC. */
  static NodeProcess start(Path dataDir, String... extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", jar().toString(), "start", "--dev",
        "--data-dir", dataDir.toString(), "--rpc-port", "0"));
    cmd.addAll(List.of(extra));
    return launch(cmd);
  }

  /** Starts {@code ainj start --home HOME} (a validator of a testnet) and waits until it serves JSON-RPC. */
  static NodeProcess startHome(Path home) throws IOException, InterruptedException {
    return launch(new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", jar().toString(), "start", "--home", home.toString())));
  }

  private static NodeProcess launch(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          synchronized (lines) {
            lines.add(line);
          }
          Matcher m = READY.matcher(line);
          if (line.startsWith("ainj node running") && m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      url.complete(null);
    }, "node-output");
    reader.setDaemon(true);
    reader.start();
    String u;
    try {
      u = url.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("node did not start: " + lines, e);
    }
    if (u == null) {
      p.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("node exited with " + p.exitValue() + ": " + lines);
    }
    return new NodeProcess(p, u, lines, reader);
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  JsonNode call(String method, ObjectNode params) throws IOException, InterruptedException {
    params.put("protoVer", "1.0.0");
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("jsonrpc", "2.0").put("id", 0).put("method", method).set("params", params);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(AinJson.writeJsString(req))).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = AinJson.parse(r.body());
    if (body.has("error")) {
      throw new IOException(method + " failed: " + body);
    }
    return body.path("result");
  }

  /** Signs and sends a transaction; returns the {tx_hash, result} payload. */
  JsonNode send(ObjectNode txBody, byte[] key) throws IOException, InterruptedException {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.set("tx_body", txBody);
    params.put("signature", CRYPTO.signTransaction(txBody, key, 0).encode());
    return call("ain_sendSignedTransaction", params).path("result");
  }

  static ObjectNode setValue(String ref, JsonNode value, long nonce, long timestamp) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode op = body.putObject("operation");
    op.put("type", "SET_VALUE").put("ref", ref).set("value", value);
    op.put("is_global", false);
    body.put("nonce", nonce).put("timestamp", timestamp).put("gas_price", 0);
    return body;
  }

  JsonNode tx(String hash) throws IOException, InterruptedException {
    return call("ain_getTransactionByHash", JsonNodeFactory.instance.objectNode().put("hash", hash)).path("result");
  }

  /** Polls until the transaction is finalized; fails after the timeout. */
  JsonNode awaitFinalized(String hash, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode t = tx(hash);
      if (t.path("is_finalized").asBoolean(false)) {
        return t;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("transaction " + hash + " was not finalized within " + timeout);
  }

  JsonNode get(String ref, boolean finalOnly) throws IOException, InterruptedException {
    ObjectNode p = JsonNodeFactory.instance.objectNode().put("type", "GET_VALUE").put("ref", ref);
    if (finalOnly) {
      p.put("is_final", true);
    }
    return call("ain_get", p).path("result");
  }

  JsonNode statusJson() throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url.replace("/json-rpc", "/status")))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return AinJson.parse(r.body());
  }

  String status(String field) throws IOException, InterruptedException {
    return statusJson().path(field).asText();
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then wait for the clean shutdown; returns the exit code. */
  int terminate() throws InterruptedException, IOException {
    // Process.destroy() would also close our end of the output pipe and lose the last lines.
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("node did not stop within 30 s of SIGTERM");
    }
    reader.join(10_000); // the reader ends at end of output, after the last shutdown line
    return process.exitValue();
  }

  /**
   * Sends the creation of app {@code name}, administered by {@code key}'s address, to this node
   * and returns its transaction hash.
   */
  String createApp(String name, byte[] key) throws IOException, InterruptedException {
    ObjectNode create = JsonNodeFactory.instance.objectNode();
    create.putObject("admin").put(CRYPTO.address(key), true);
    return send(setValue("/manage_app/" + name + "/create/1", create, -1, System.currentTimeMillis()), key)
        .path("tx_hash").asText();
  }

  /** The last committed block number this node reports on /status. */
  long height() throws IOException, InterruptedException {
    return Long.parseLong(status("last_block_number"));
  }

  /** A block as {@code ain_getBlockByNumber} returns it. */
  JsonNode block(long number) throws IOException, InterruptedException {
    return call("ain_getBlockByNumber", JsonNodeFactory.instance.objectNode().put("number", number)).path("result");
  }

  /** Waits until every given node reports at least {@code height}; unreachable ones count as -1. */
  static void awaitAtLeast(List<NodeProcess> nodes, long height, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      StringBuilder seen = new StringBuilder();
      boolean ok = true;
      for (NodeProcess n : nodes) {
        long h;
        try {
          h = n.height();
        } catch (IOException e) {
          h = -1;
        }
        seen.append(h).append(' ');
        ok &= h >= height;
      }
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("validators did not all reach height " + height + " within " + timeout + ": " + seen);
      }
      Thread.sleep(100);
    }
  }

  /** The end of a long output, for failure messages. */
  static String tail(String s) {
    return s.length() > 8_000 ? s.substring(s.length() - 8_000) : s;
  }

  /** Prints the end of every started validator's output (for a failed test). */
  static void printOutputs(NodeProcess[] nodes) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null) {
        System.err.println("---- validator " + i + " output ----\n" + tail(nodes[i].output()));
      }
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
