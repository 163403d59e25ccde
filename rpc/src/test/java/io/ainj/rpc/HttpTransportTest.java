package io.ainj.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Routes, health endpoints, CORS and hostile HTTP, over real sockets. */
class HttpTransportTest {
  private static final String OK_CALL =
      "{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{\"protoVer\":\"1.0.0\"},\"id\":0}";
  private static final String OK_RESPONSE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":7,\"protoVer\":\"1.6.0\"}}";

  private static RpcMethodRegistry methods() {
    return RpcMethodRegistry.builder()
        .register("ain_getLastBlockNumber", (p, c) -> RpcResult.ok(7))
        .build();
  }

  private static TestServer start(RpcServerConfig.Builder config) {
    return new TestServer(config, methods(), RpcProbes.defaults());
  }

  @Test
  void healthEndpoints() {
    AtomicBoolean ready = new AtomicBoolean(false);
    AtomicLong last = new AtomicLong(12);
    RpcProbes probes = RpcProbes.defaults()
        .withReadiness(ready::get)
        .withHealth(ready::get)
        .withStatus(() -> JsonNodeFactory.instance.objectNode().put("state", "SYNCING"))
        .withLastBlockNumber(last::get);
    try (TestServer s = new TestServer(TestServer.config(), methods(), probes)) {
      assertEquals(200, s.get("/liveness").statusCode());
      assertEquals(503, s.get("/readiness").statusCode());
      assertEquals("false", s.get("/health_check").body());
      ready.set(true);
      assertEquals(200, s.get("/readiness").statusCode());
      HttpResponse<String> health = s.get("/health_check");
      assertEquals(200, health.statusCode());
      assertEquals("true", health.body());
      assertEquals("{\"state\":\"SYNCING\"}", s.get("/status").body());
      assertEquals("{\"code\":0,\"result\":12}", s.get("/last_block_number").body());
      HttpResponse<String> root = s.get("/");
      assertEquals(200, root.statusCode());
      assertTrue(root.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
      assertTrue(root.body().contains("current protocol version: 1.6.0"), root.body());
      assertTrue(root.body().contains(">=1.0.0"), root.body());
    }
  }

  @Test
  void probeFailuresAreAnswersNotCrashes() {
    RpcProbes probes = RpcProbes.defaults()
        .withReadiness(() -> {
          throw new IllegalStateException("boom");
        })
        .withStatus(() -> {
          throw new IllegalStateException("boom");
        });
    try (TestServer s = new TestServer(TestServer.config(), methods(), probes)) {
      assertEquals(503, s.get("/readiness").statusCode());
      assertEquals(500, s.get("/status").statusCode());
      assertEquals(200, s.get("/liveness").statusCode());
    }
  }

  @Test
  void unknownPathsWrongMethodsAndPreflight() {
    try (TestServer s = start(TestServer.config())) {
      assertEquals(404, s.get("/nope").statusCode());
      assertEquals(404, s.post("/get_value", "{}").statusCode());
      HttpResponse<String> r = s.get("/json-rpc");
      assertEquals(405, r.statusCode());
      assertEquals("POST, OPTIONS", r.headers().firstValue("allow").orElseThrow());
      assertEquals(405, s.post("/liveness", "{}").statusCode());
      assertEquals(OK_RESPONSE, s.post("/json-rpc/", OK_CALL).body()); // Express-style slash
      TestServer.await(() -> s.rejected(RejectReason.NOT_FOUND) == 2, "NOT_FOUND count 2");
      TestServer.await(() -> s.rejected(RejectReason.METHOD_NOT_ALLOWED) == 2, "METHOD_NOT_ALLOWED count 2");

      HttpResponse<String> allowed = TestServer.send(HttpRequest.newBuilder(s.uri("/json-rpc"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", "https://testnet.ainetwork.ai")
          .header("Access-Control-Request-Method", "POST").build());
      assertEquals(204, allowed.statusCode());
      assertEquals("https://testnet.ainetwork.ai",
          allowed.headers().firstValue("access-control-allow-origin").orElseThrow());
      assertTrue(allowed.headers().firstValue("access-control-allow-methods").orElseThrow()
          .contains("POST"));
      assertEquals("Content-Type",
          allowed.headers().firstValue("access-control-allow-headers").orElseThrow());

      HttpResponse<String> refused = TestServer.send(HttpRequest.newBuilder(s.uri("/json-rpc"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", "https://evil.example").build());
      assertEquals(204, refused.statusCode());
      assertFalse(refused.headers().firstValue("access-control-allow-origin").isPresent());

      HttpResponse<String> post = TestServer.send(HttpRequest.newBuilder(s.uri("/json-rpc"))
          .header("Origin", "http://localhost:3000")
          .POST(HttpRequest.BodyPublishers.ofString(OK_CALL)).build());
      assertEquals("http://localhost:3000",
          post.headers().firstValue("access-control-allow-origin").orElseThrow());
      // a look-alike domain must not match the anchored whitelist
      HttpResponse<String> lookalike = TestServer.send(HttpRequest.newBuilder(s.uri("/json-rpc"))
          .header("Origin", "https://ainetwork.ai.evil.example")
          .POST(HttpRequest.BodyPublishers.ofString(OK_CALL)).build());
      assertFalse(lookalike.headers().firstValue("access-control-allow-origin").isPresent());
    }
  }

  @Test
  void oversizedBodyIs413AndTheServerStaysSane() throws Exception {
    try (TestServer s = start(TestServer.config().maxRequestBodyBytes(1024))) {
      String pad = "x".repeat(4000);
      HttpResponse<String> r = s.post("{\"jsonrpc\":\"2.0\",\"pad\":\"" + pad + "\"}");
      assertEquals(413, r.statusCode());
      TestServer.await(() -> s.rejected(RejectReason.BODY_TOO_LARGE) == 1, "BODY_TOO_LARGE count 1");
      assertEquals(OK_RESPONSE, s.post(OK_CALL).body());
      // keep-alive on one raw connection: 413, then the next request on the same connection
      // is parsed correctly (the oversized body was skipped, not read as a request)
      try (Socket sock = s.socket()) {
        String big = "{\"pad\":\"" + pad + "\"}";
        String raw = "POST /json-rpc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + big.length() + "\r\n\r\n" + big
            + "POST /json-rpc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: " + OK_CALL.length() + "\r\n\r\n" + OK_CALL;
        String all = TestServer.exchange(sock, raw);
        assertTrue(all.startsWith("HTTP/1.1 413"), all);
        assertTrue(all.indexOf("HTTP/1.1 200") > 0, all);
        assertTrue(all.endsWith(OK_RESPONSE), all);
      }
      assertEquals(OK_RESPONSE, s.post(OK_CALL).body());
    }
  }

  @Test
  void malformedHttpIs400AndClosed() throws Exception {
    try (TestServer s = start(TestServer.config())) {
      try (Socket sock = s.socket()) {
        String all = TestServer.exchange(sock, "THIS IS NOT HTTP\r\n\r\n");
        assertTrue(all.startsWith("HTTP/1.") && all.contains(" 400 "), all);
      }
      try (Socket sock = s.socket()) {
        String all = TestServer.exchange(sock,
            "GET /liveness HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");
        assertTrue(all.contains(" 431 "), all);
      }
      try (Socket sock = s.socket()) {
        String all = TestServer.exchange(sock, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n");
        assertTrue(all.contains(" 414 "), all);
      }
      try (Socket sock = s.socket()) { // conflicting framing headers (request smuggling shape)
        String all = TestServer.exchange(sock, "POST /json-rpc HTTP/1.1\r\nHost: x\r\n"
            + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
        assertTrue(all.contains(" 400 "), all);
      }
      TestServer.await(() -> s.rejected(RejectReason.MALFORMED_HTTP) >= 4, "MALFORMED_HTTP count");
      assertEquals(OK_RESPONSE, s.post(OK_CALL).body());
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (TestServer s = start(TestServer.config())) {
      try (Socket sock = s.socket()) {
        String one = "POST /json-rpc HTTP/1.1\r\nHost: x\r\nContent-Length: " + OK_CALL.length()
            + "\r\n\r\n" + OK_CALL;
        String live = "GET /liveness HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        String all = TestServer.exchange(sock, one + one + live);
        int first = all.indexOf(OK_RESPONSE);
        int second = all.indexOf(OK_RESPONSE, first + 1);
        int third = all.indexOf("ok\n", second + 1);
        assertTrue(first > 0 && second > first && third > second, all);
      }
    }
  }

  @Test
  void slowlorisGets408() throws Exception {
    try (TestServer s = start(TestServer.config().requestReadTimeout(Duration.ofMillis(500)))) {
      try (Socket sock = s.socket()) {
        OutputStream out = sock.getOutputStream();
        long t0 = System.nanoTime();
        // one header byte at a time, never silent for long, never finishing
        byte[] head = "POST /json-rpc HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        out.write(head);
        out.flush();
        String reply = null;
        for (int i = 0; i < 40 && reply == null; i++) {
          try {
            out.write('a');
            out.flush();
          } catch (java.io.IOException closed) {
            break;
          }
          Thread.sleep(100);
          if (sock.getInputStream().available() > 0) {
            reply = TestServer.readAll(sock);
          }
        }
        if (reply == null) {
          reply = TestServer.readAll(sock);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(reply.startsWith("HTTP/1.1 408"), reply);
        assertTrue(ms < 3000, "took " + ms);
      }
      TestServer.await(() -> s.rejected(RejectReason.SLOW_REQUEST) == 1, "SLOW_REQUEST count 1");
      assertEquals(OK_RESPONSE, s.post(OK_CALL).body());
    }
  }

  @Test
  void idleKeepAliveConnectionsAreClosed() throws Exception {
    try (TestServer s = start(TestServer.config().idleTimeout(Duration.ofMillis(300)))) {
      try (Socket sock = s.socket()) {
        long t0 = System.nanoTime();
        assertEquals(-1, sock.getInputStream().read()); // server closes a silent connection
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 3000);
      }
      TestServer.await(() -> s.server.stats().idleConnectionsClosed() == 1, "idle close count");
    }
  }

  @Test
  void connectionsOverTheCapGet503() throws Exception {
    try (TestServer s = start(TestServer.config().maxConnections(4))) {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          held.add(s.socket());
        }
        TestServer.await(() -> s.server.stats().openConnections() == 4, "4 open connections");
        for (int i = 0; i < 20; i++) {
          try (Socket extra = s.socket()) {
            String reply = TestServer.exchange(extra,
                "GET /liveness HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(reply.startsWith("HTTP/1.1 503"), reply);
          }
        }
        TestServer.await(() -> s.rejected(RejectReason.TOO_MANY_CONNECTIONS) == 20, "TOO_MANY_CONNECTIONS count 20");
      } finally {
        for (Socket h : held) {
          h.close();
        }
      }
      TestServer.await(() -> s.server.stats().openConnections() == 0, "connections to close");
      assertEquals(OK_RESPONSE, s.post(OK_CALL).body());
    }
  }

  @Test
  void manyConnectionsAtOnce() throws Exception {
    try (TestServer s = start(TestServer.config().maxConnections(2000))) {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 500; i++) {
          held.add(s.socket());
        }
        TestServer.await(() -> s.server.stats().openConnections() == 500, "500 connections");
        assertEquals(OK_RESPONSE, s.post(OK_CALL).body());
      } finally {
        for (Socket h : held) {
          h.close();
        }
      }
    }
  }

  @Test
  void saturatedWorkersAnswerServerBusyThenRecover() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    RpcMethodRegistry m = RpcMethodRegistry.builder()
        .register("ain_block", (p, c) -> {
          running.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return RpcResult.ok("done");
        })
        .register("ain_getLastBlockNumber", (p, c) -> RpcResult.ok(7))
        .build();
    String block = "{\"jsonrpc\":\"2.0\",\"method\":\"ain_block\",\"params\":{\"protoVer\":\"1.0.0\"},\"id\":1}";
    try (TestServer s = new TestServer(
        TestServer.config().workerThreads(1).workerQueueCapacity(1), m, RpcProbes.defaults())) {
      CompletableFuture<HttpResponse<String>> first =
          CompletableFuture.supplyAsync(() -> s.post(block));
      assertTrue(running.await(10, TimeUnit.SECONDS)); // the only worker is taken
      CompletableFuture<HttpResponse<String>> queued =
          CompletableFuture.supplyAsync(() -> s.post(block));
      TestServer.await(() -> s.server.stats().inFlightCalls() == 2, "the queue to fill");
      assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32000,\"message\":\"server busy\"}}",
          s.post(OK_CALL).body());
      TestServer.await(() -> s.rejected(RejectReason.SERVER_BUSY) == 1, "SERVER_BUSY count 1");
      // health endpoints do not need a worker
      assertEquals(200, s.get("/liveness").statusCode());
      release.countDown();
      String done = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"result\":\"done\",\"protoVer\":\"1.6.0\"}}";
      assertEquals(done, first.get(10, TimeUnit.SECONDS).body());
      assertEquals(done, queued.get(10, TimeUnit.SECONDS).body());
      assertEquals(OK_RESPONSE, s.post(OK_CALL).body());
    }
  }

  @Test
  void closeDrainsInFlightRequests() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    RpcMethodRegistry m = RpcMethodRegistry.builder()
        .register("ain_slow", (p, c) -> {
          running.countDown();
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return RpcResult.ok("finished");
        })
        .build();
    TestServer s = new TestServer(TestServer.config(), m, RpcProbes.defaults());
    CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> s.post(
        "{\"jsonrpc\":\"2.0\",\"method\":\"ain_slow\",\"params\":{\"protoVer\":\"1.0.0\"},\"id\":0}"));
    assertTrue(running.await(10, TimeUnit.SECONDS));
    s.close();
    HttpResponse<String> r = call.get(10, TimeUnit.SECONDS);
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":\"finished\",\"protoVer\":\"1.6.0\"}}",
        r.body());
    assertEquals("close", r.headers().firstValue("connection").orElse(""));
    // no longer accepting
    try (Socket sock = new Socket()) {
      sock.connect(s.address, 1000);
      sock.setSoTimeout(2000);
      assertEquals(-1, sock.getInputStream().read());
    } catch (java.io.IOException refused) {
      // connection refused is the expected outcome
    }
    s.close(); // idempotent
  }

  @Test
  void startTwiceAndBindFailuresAreReported() {
    try (TestServer s = start(TestServer.config())) {
      org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, s.server::start);
      RpcServer clash = new RpcServer(TestServer.config().host("127.0.0.1")
          .port(s.address.getPort()).build(), methods(), RpcProbes.defaults());
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class, clash::start);
      assertTrue(e.getCause() instanceof java.net.BindException, String.valueOf(e.getCause()));
      clash.close();
    }
  }
}
