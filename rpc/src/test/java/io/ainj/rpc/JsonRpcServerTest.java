package io.ainj.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ainj.crypto.AinJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON-RPC envelope, AIN's gate and wrapper, end to end over HTTP. */
class JsonRpcServerTest {
  private static final String P = "\"params\":{\"protoVer\":\"1.0.0\"";
  private static TestServer server;
  private static final CountDownLatch NEVER = new CountDownLatch(1);
  private static final ExecutorService LATER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "later");
    t.setDaemon(true);
    return t;
  });

  @BeforeAll
  static void start() {
    RpcMethodRegistry methods =
        RpcMethodRegistry.builder()
            .register("ain_getLastBlockNumber", (p, c) -> RpcResult.ok(42))
            .register("ain_echo", (p, c) -> RpcResult.ok(p))
            .register("ain_getBlockByNumber", (p, c) -> RpcResult.ok((com.fasterxml.jackson.databind.JsonNode) null))
            .register("ain_get", (p, c) -> RpcResult.error(AinRpcCodes.GET_INVALID_OPERATION,
                "Invalid get operation type"))
            .register("ain_sendSignedTransaction", (p, c) -> RpcResult.errorFalse(
                AinRpcCodes.TX_INVALID_SIGNATURE, "Invalid signature"))
            .register("ain_validateAppName", (p, c) -> new RpcResult.Raw(
                JsonNodeFactory.instance.objectNode().put("is_valid", true).put("result", true)
                    .put("code", 0)))
            .register("ain_needsAddress", (p, c) -> p.has("address")
                ? RpcResult.ok(true) : RpcResult.invalidParams("address is required"))
            .register("ain_throws", (p, c) -> {
              throw new IllegalStateException("secret internal detail");
            })
            .register("ain_returnsNull", (p, c) -> null)
            .register("ain_hangs", (p, c) -> {
              try {
                NEVER.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return RpcResult.ok("late");
            })
            // Non-blocking methods: answered from another thread, by the server's own thread
            // at once, by a failed future, or never.
            .registerAsync("ain_later", (p, c) -> CompletableFuture.supplyAsync(
                () -> RpcResult.ok(Thread.currentThread().getName()), LATER))
            .registerAsync("ain_laterNow", (p, c) -> CompletableFuture.completedFuture(
                RpcResult.error(AinRpcCodes.TX_INVALID_SIGNATURE, "Invalid signature")))
            .registerAsync("ain_laterBusy", (p, c) -> CompletableFuture.supplyAsync(() -> {
              throw new RejectedExecutionException("queue full");
            }, LATER))
            .registerAsync("ain_laterFails", (p, c) -> CompletableFuture.supplyAsync(() -> {
              throw new IllegalStateException("secret internal detail");
            }, LATER))
            .registerAsync("ain_laterThrows", (p, c) -> {
              throw new IllegalStateException("secret internal detail");
            })
            .registerAsync("ain_laterNull", (p, c) -> CompletableFuture.completedFuture(null))
            .registerAsync("ain_laterNever", (p, c) -> new CompletableFuture<>())
            .register("ain_context", (p, c) -> RpcResult.ok(
                JsonNodeFactory.instance.objectNode().put("method", c.method())
                    .put("id", c.id().toString()).put("node", c.nodeProtocolVersion())
                    .put("remote", c.remoteAddress() != null).put("expired", c.expired())))
            .build();
    server = new TestServer(
        TestServer.config().maxBatchSize(5).requestTimeout(java.time.Duration.ofMillis(700)),
        methods, RpcProbes.defaults());
  }

  @AfterAll
  static void stop() {
    NEVER.countDown();
    LATER.shutdownNow();
    server.close();
  }

  private static String call(String body) {
    HttpResponse<String> r = server.post(body);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    return r.body();
  }

  private static String req(String method, String id, String extraParams) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"," + P + extraParams + "},\"id\":"
        + id + "}";
  }

  @Test
  void successIsWrappedWithoutCode() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":42,\"protoVer\":\"1.6.0\"}}",
        call(req("ain_getLastBlockNumber", "0", "")));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":null,\"protoVer\":\"1.6.0\"}}",
        call(req("ain_getBlockByNumber", "0", ",\"number\":9")));
  }

  @Test
  void idIsEchoedWhateverItsType() {
    assertTrue(call(req("ain_getLastBlockNumber", "\"abc\"", "")).startsWith(
        "{\"jsonrpc\":\"2.0\",\"id\":\"abc\","));
    assertTrue(call(req("ain_getLastBlockNumber", "7.5", "")).startsWith(
        "{\"jsonrpc\":\"2.0\",\"id\":7.5,"));
    assertTrue(call(req("ain_getLastBlockNumber", "null", "")).startsWith(
        "{\"jsonrpc\":\"2.0\",\"id\":null,"));
  }

  @Test
  void paramsReachTheMethodAndContextIsFilled() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"result\":{\"protoVer\":\"1.0.0\","
        + "\"a\":[1,{\"b\":\"ü\"}]},\"protoVer\":\"1.6.0\"}}",
        call(req("ain_echo", "1", ",\"a\":[1,{\"b\":\"ü\"}]")));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"result\":{\"method\":\"ain_context\","
        + "\"id\":\"\\\"x\\\"\",\"node\":\"1.6.0\",\"remote\":true,\"expired\":false},"
        + "\"protoVer\":\"1.6.0\"}}", call(req("ain_context", "\"x\"", "")));
  }

  @Test
  void ainErrorsAreWrappersWithCodeAndMessage() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":null,\"code\":30001,"
        + "\"message\":\"Invalid get operation type\",\"protoVer\":\"1.6.0\"}}",
        call(req("ain_get", "0", "")));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":false,\"code\":30304,"
        + "\"message\":\"Invalid signature\",\"protoVer\":\"1.6.0\"}}",
        call(req("ain_sendSignedTransaction", "0", "")));
  }

  @Test
  void rawWrapperCarriesCodeZero() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"is_valid\":true,\"result\":true,"
        + "\"code\":0,\"protoVer\":\"1.6.0\"}}", call(req("ain_validateAppName", "0", "")));
  }

  @Test
  void protocolVersionMethodsSkipTheGate() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":\"1.6.0\",\"protoVer\":\"1.6.0\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getProtocolVersion\",\"id\":0}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":true,\"code\":0,\"protoVer\":\"1.6.0\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_checkProtocolVersion\",\"params\":{\"protoVer\":\"1.0.0\"},\"id\":0}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":false,\"code\":30102,"
        + "\"message\":\"Invalid protocol version.\",\"protoVer\":\"1.6.0\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_checkProtocolVersion\",\"params\":{\"protoVer\":\"zzz\"},\"id\":0}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":false,\"code\":30101,"
        + "\"message\":\"Protocol version not specified.\",\"protoVer\":\"1.6.0\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_checkProtocolVersion\",\"params\":{},\"id\":0}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":false,\"code\":30103,"
        + "\"message\":\"Incompatible protocol version.\",\"protoVer\":\"1.6.0\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_checkProtocolVersion\",\"params\":{\"protoVer\":\"0.9.0\"},\"id\":0}"));
  }

  @Test
  void gateAnswersBareObjectsBeforeDispatch() {
    String notSpecified = "{\"result\":null,\"code\":30101,\"message\":\"Protocol version not specified.\",\"protoVer\":\"1.6.0\"}";
    String invalid = "{\"result\":null,\"code\":30102,\"message\":\"Invalid protocol version.\",\"protoVer\":\"1.6.0\"}";
    String incompatible = "{\"result\":null,\"code\":30103,\"message\":\"Incompatible protocol version.\",\"protoVer\":\"1.6.0\"}";
    assertEquals(notSpecified,
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{},\"id\":0}"));
    // the gate runs before method lookup, as in AIN
    assertEquals(notSpecified,
        call("{\"jsonrpc\":\"2.0\",\"method\":\"no_such\",\"params\":{},\"id\":0}"));
    assertEquals(invalid,
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"id\":0}"));
    assertEquals(invalid,
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{\"protoVer\":\"garbage\"},\"id\":0}"));
    assertEquals(incompatible,
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{\"protoVer\":\"0.99.0\"},\"id\":0}"));
    // coercion: "1", "v1.2" and a pre-release of 1.0.0 all pass
    for (String v : new String[] {"1", "v1.2", "1.0.0-beta"}) {
      assertTrue(call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{\"protoVer\":\""
          + v + "\"},\"id\":0}").contains("\"result\":42"), v);
    }
    assertTrue(call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{\"protoVer\":1},\"id\":0}")
        .contains("\"result\":42"));
  }

  @Test
  void gateReadsTheQueryString() {
    String body = "{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{},\"id\":0}";
    assertTrue(server.post("/json-rpc?protoVer=1.2.0", body).body().contains("\"result\":42"));
    assertTrue(server.post("/json-rpc?protoVer=0.5", body).body().contains("\"code\":30103"));
  }

  @Test
  void jsonRpcErrors() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}",
        call("{\"jsonrpc\":"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}",
        call(""));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}}",
        call("\"hello\""));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}}",
        call("{\"jsonrpc\":\"1.0\",\"method\":\"ain_getLastBlockNumber\"," + P + "},\"id\":3}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\"," + P + "},\"id\":{}}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":5," + P + "},\"id\":4}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}",
        call(req("ain_nope", "0", "")));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32602,\"message\":\"Invalid params\","
        + "\"data\":\"params must be an object\"}}",
        call("{\"jsonrpc\":\"2.0\",\"method\":\"ain_getProtocolVersion\",\"params\":[1],\"id\":0}"));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32602,\"message\":\"Invalid params\","
        + "\"data\":\"address is required\"}}", call(req("ain_needsAddress", "0", "")));
  }

  @Test
  void methodFailuresAreInternalErrorsWithoutDetails() {
    String internal = "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}";
    long before = server.rejected(RejectReason.INTERNAL_ERROR);
    assertEquals(internal, call(req("ain_throws", "0", "")));
    assertEquals(internal, call(req("ain_returnsNull", "0", "")));
    TestServer.await(() -> server.rejected(RejectReason.INTERNAL_ERROR) == before + 2, "INTERNAL_ERROR count before + 2");
    assertTrue(call(req("ain_getLastBlockNumber", "0", "")).contains("\"result\":42"));
  }

  @Test
  void hostileJsonIsAParseError() {
    String parseError = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}";
    // invalid UTF-8 inside a string
    byte[] bad = ("{\"jsonrpc\":\"2.0\",\"method\":\"ain_echo\"," + P + ",\"x\":\"\u0000\"},\"id\":0}")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bad.length; i++) {
      if (bad[i] == 0) {
        bad[i] = (byte) 0xC3; // a lead byte followed by '"': not UTF-8
      }
    }
    assertEquals(parseError, server.postBytes(bad).body());
    // nesting deeper than AinJson allows
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertEquals(parseError, call(deep));
    // duplicate keys are refused rather than silently resolved
    assertEquals(parseError, call("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"method\":\"b\",\"id\":0}"));
    // trailing garbage
    assertEquals(parseError, call("{} {}"));
    TestServer.await(() -> server.rejected(RejectReason.PARSE_ERROR) >= 4, "PARSE_ERROR count");
  }

  @Test
  void notificationsGetNoBody() {
    HttpResponse<String> r = server.post(
        "{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\"," + P + "}}");
    assertEquals(204, r.statusCode());
    assertEquals("", r.body());
  }

  @Test
  void batchesAnswerEachElementInOrder() {
    String batch = "[" + req("ain_getLastBlockNumber", "1", "") + ","
        + "{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\",\"params\":{},\"id\":2},"
        + "5,"
        + req("ain_nope", "4", "") + ","
        + "{\"jsonrpc\":\"2.0\",\"method\":\"ain_getLastBlockNumber\"," + P + "}}" // notification
        + "]";
    assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"result\":42,\"protoVer\":\"1.6.0\"}},"
        + "{\"result\":null,\"code\":30101,\"message\":\"Protocol version not specified.\",\"protoVer\":\"1.6.0\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}},"
        + "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}]",
        call(batch));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"}}",
        call("[]"));
    String six = "[" + String.join(",", java.util.Collections.nCopies(6,
        req("ain_getLastBlockNumber", "1", ""))) + "]";
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request\","
        + "\"data\":\"batch too large (max 5)\"}}", call(six));
    String five = "[" + String.join(",", java.util.Collections.nCopies(5,
        req("ain_getLastBlockNumber", "1", ""))) + "]";
    assertEquals(5, AinJson.parse(call(five)).size());
  }

  @Test
  void aHangingMethodTimesOutAndTheServerKeepsServing() {
    long before = server.rejected(RejectReason.TIMEOUT);
    long t0 = System.nanoTime();
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32001,\"message\":\"request timed out\"}}",
        call(req("ain_hangs", "9", "")));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms >= 600 && ms < 5000, "took " + ms + " ms");
    // The counter is bumped right after the answer is handed to the connection; wait for it.
    TestServer.await(() -> server.rejected(RejectReason.TIMEOUT) == before + 1, "the timeout to be counted");
    assertTrue(call(req("ain_getLastBlockNumber", "0", "")).contains("\"result\":42"));
    // the interrupted worker came back to the pool
    TestServer.await(() -> server.server.stats().inFlightCalls() == 0, "in-flight calls to drain");
  }

  @Test
  void nonBlockingMethodsAnswerFromTheirOwnThread() {
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"result\":\"later\",\"protoVer\":\"1.6.0\"}}",
        call(req("ain_later", "3", "")));
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"result\":null,\"code\":30304,"
        + "\"message\":\"Invalid signature\",\"protoVer\":\"1.6.0\"}}", call(req("ain_laterNow", "0", "")));
    // In a batch, in order, mixed with blocking methods.
    assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"result\":\"later\",\"protoVer\":\"1.6.0\"}},"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"result\":42,\"protoVer\":\"1.6.0\"}},"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"result\":\"later\",\"protoVer\":\"1.6.0\"}}]",
        call("[" + req("ain_later", "1", "") + "," + req("ain_getLastBlockNumber", "2", "") + ","
            + req("ain_later", "3", "") + "]"));
    TestServer.await(() -> server.server.stats().inFlightCalls() == 0, "in-flight calls to drain");
  }

  @Test
  void nonBlockingFailuresAreBusyOrInternalErrors() {
    long busy = server.rejected(RejectReason.SERVER_BUSY);
    long internal = server.rejected(RejectReason.INTERNAL_ERROR);
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32000,\"message\":\"server busy\"}}",
        call(req("ain_laterBusy", "5", "")));
    String internalError = "{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32603,\"message\":\"Internal error\"}}";
    assertEquals(internalError, call(req("ain_laterFails", "0", "")));
    assertEquals(internalError, call(req("ain_laterThrows", "0", "")));
    assertEquals(internalError, call(req("ain_laterNull", "0", "")));
    TestServer.await(() -> server.rejected(RejectReason.SERVER_BUSY) == busy + 1
        && server.rejected(RejectReason.INTERNAL_ERROR) == internal + 3, "busy + 1 and internal + 3");
    TestServer.await(() -> server.server.stats().inFlightCalls() == 0, "in-flight calls to drain");
  }

  @Test
  void aNonBlockingMethodThatNeverAnswersTimesOut() {
    long before = server.rejected(RejectReason.TIMEOUT);
    assertEquals("{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32001,\"message\":\"request timed out\"}}",
        call(req("ain_laterNever", "8", "")));
    TestServer.await(() -> server.rejected(RejectReason.TIMEOUT) == before + 1, "the timeout to be counted");
    TestServer.await(() -> server.server.stats().inFlightCalls() == 0, "in-flight calls to drain");
    assertTrue(call(req("ain_later", "0", "")).contains("\"result\":\"later\""));
  }

  @Test
  void statsCountCalls() {
    RpcStats s0 = server.server.stats();
    call(req("ain_getLastBlockNumber", "0", ""));
    RpcStats s1 = server.server.stats();
    assertTrue(s1.jsonRpcCalls() > s0.jsonRpcCalls());
    assertTrue(s1.httpRequests() > s0.httpRequests());
    assertFalse(s1.rejected().isEmpty());
    assertEquals(RejectReason.values().length, s1.rejected().size());
  }
}
