package io.ainj.rpc.ainft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.rpc.RpcContext;
import io.ainj.rpc.RpcMethodRegistry;
import io.ainj.rpc.RpcResult;
import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDb;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ainft_* methods over a hand-built state: payloads, nulls, param checks, is_final. */
class AinftRpcMethodsTest {
  static final String ADDR = "0x00ADEc28B6a845a085e03591bE7550dd68673C1C";
  static final String D = "0x" + "d".repeat(64);
  static final String M = "0x" + "e".repeat(64);
  static final String S = "0x" + "f".repeat(64);

  private StateDb db;
  private StateVersion pending;
  private StateVersion finalized;
  private RpcMethodRegistry registry;

  @BeforeEach
  void setUp() {
    db = StateDb.inMemory();
    MutableState st = db.edit("T");
    finalized = st.snapshot();
    token(st, D, "{}", 0);
    token(st, M, "{\"" + D + "\":1000}", 1);
    token(st, S, "{\"" + M + "\":3000}", 2);
    st.writeRaw(StateRoot.VALUES, "/ainft/children/" + D + "/" + M, Json.of(1000));
    st.writeRaw(StateRoot.VALUES, "/ainft/children/" + M + "/" + S, Json.of(3000));
    st.writeRaw(StateRoot.VALUES, "/ainft/owners/" + ADDR + "/" + S, Json.TRUE);
    st.writeRaw(StateRoot.VALUES, "/ainft/owners/" + ADDR + "/" + D, Json.TRUE);
    st.writeRaw(StateRoot.VALUES, "/ainft/payouts/" + D + "/" + ADDR + "_1",
        JsonCodec.parse("{\"paid_token\":\"" + S + "\",\"owner\":\"" + ADDR + "\",\"amount\":3}"));
    st.writeRaw(StateRoot.VALUES, "/ainft/collections/llm",
        JsonCodec.parse("{\"config\":{\"name\":\"L\"},\"admin\":{\"" + ADDR + "\":true},"
            + "\"minted\":3,\"tokens\":{\"" + D + "\":true}}"));
    pending = st.snapshot();
    registry = new AinftRpcMethods(() -> pending, () -> finalized)
        .register(RpcMethodRegistry.builder()).build();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static void token(MutableState st, String id, String parents, int depth) {
    String rec = "{\"ainft\":\"v1\",\"collection\":\"llm\",\"creator\":\"" + ADDR + "\",\"data\":{"
        + "\"digest\":\"sha256:" + "0".repeat(64) + "\"}"
        + (parents.equals("{}") ? "" : ",\"parents\":" + parents) + "}";
    st.writeRaw(StateRoot.VALUES, "/ainft/tokens/" + id, JsonCodec.parse("{\"record\":" + rec
        + ",\"owner\":\"" + ADDR + "\",\"depth\":" + depth + ",\"earned\":0}"));
  }

  private RpcResult call(String method, String params) {
    ObjectNode p = (ObjectNode) JsonCodec.toJackson(JsonCodec.parse(params));
    return registry.find(method).orElseThrow().call(p,
        new RpcContext(method, NullNode.getInstance(), null, "1.1.3", Long.MAX_VALUE));
  }

  private JsonNode ok(String method, String params) {
    RpcResult r = call(method, params);
    return assertInstanceOf(RpcResult.Ok.class, r, r::toString).payload();
  }

  @Test
  void getToken() {
    JsonNode t = ok("ainft_getToken", "{\"id\":\"" + S + "\"}");
    assertEquals(S, t.path("id").asText());
    assertEquals(ADDR, t.path("owner").asText());
    assertEquals(3000, t.path("record").path("parents").path(M).asInt());
    assertTrue(ok("ainft_getToken", "{\"id\":\"0x" + "1".repeat(64) + "\"}").isNull());
    assertTrue(ok("ainft_getToken", "{\"id\":\"" + S + "\",\"is_final\":true}").isNull(),
        "is_final reads the finalized state");
    assertInstanceOf(RpcResult.InvalidParams.class, call("ainft_getToken", "{}"));
    assertInstanceOf(RpcResult.InvalidParams.class, call("ainft_getToken", "{\"id\":5}"));
  }

  @Test
  void getLineage() {
    JsonNode both = ok("ainft_getLineage", "{\"id\":\"" + M + "\"}");
    assertEquals(D, both.path("ancestors").path(0).path("id").asText());
    assertEquals(S, both.path("descendants").path(0).path("id").asText());
    assertEquals(1, both.path("descendants").path(0).path("depth").asInt());
    JsonNode up = ok("ainft_getLineage", "{\"id\":\"" + S + "\",\"direction\":\"ancestors\","
        + "\"depth\":1}");
    assertEquals(1, up.path("ancestors").size());
    assertTrue(up.path("truncated").asBoolean());
    assertTrue(up.path("descendants").isMissingNode());
    JsonNode two = ok("ainft_getLineage", "{\"id\":\"" + S + "\",\"direction\":\"ancestors\","
        + "\"depth\":2}");
    assertEquals(2, two.path("ancestors").size());
    assertEquals(2, two.path("ancestors").path(1).path("depth").asInt());
    assertTrue(ok("ainft_getLineage", "{\"id\":\"0x" + "1".repeat(64) + "\"}").isNull());
    assertInstanceOf(RpcResult.InvalidParams.class, call("ainft_getLineage", "{\"id\":\"" + S
        + "\",\"depth\":0}"));
    assertInstanceOf(RpcResult.InvalidParams.class, call("ainft_getLineage", "{\"id\":\"" + S
        + "\",\"depth\":1001}"));
    assertInstanceOf(RpcResult.InvalidParams.class, call("ainft_getLineage", "{\"id\":\"" + S
        + "\",\"direction\":\"sideways\"}"));
  }

  @Test
  void tokensByOwnerPayoutsAndCollection() {
    JsonNode owned = ok("ainft_getTokensByOwner", "{\"address\":\"" + ADDR + "\"}");
    assertEquals(2, owned.size());
    assertEquals(D, owned.path(0).asText(), "sorted");
    assertEquals(0, ok("ainft_getTokensByOwner", "{\"address\":\"0x1\"}").size());
    assertInstanceOf(RpcResult.InvalidParams.class, call("ainft_getTokensByOwner", "{}"));
    JsonNode pay = ok("ainft_getPayouts", "{\"id\":\"" + D + "\"}");
    assertEquals(ADDR + "_1", pay.path("payouts").path(0).path("payment_id").asText());
    assertEquals(3, pay.path("payouts").path(0).path("amount").asInt());
    assertEquals(0, pay.path("payments").size());
    JsonNode col = ok("ainft_getCollection", "{\"collection\":\"llm\"}");
    assertEquals(3, col.path("minted").asInt());
    assertEquals(D, col.path("tokens").path(0).asText());
    assertTrue(ok("ainft_getCollection", "{\"collection\":\"nope\"}").isNull());
  }
}
