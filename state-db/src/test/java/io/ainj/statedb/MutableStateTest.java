package io.ainj.statedb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.read.ReadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutableStateTest {
  static MutableState fresh() {
    return StateVersion.empty("NODE:0").edit("NODE:1", StateDbConfig.defaults());
  }

  @Test
  void valueWritesCheckPathBeforeObject() {
    MutableState s = fresh();
    MutableState.WriteCheck c = s.check(StateRoot.VALUES,
        StatePath.parse("/apps/test/new/unchartered/nested/."), JsonCodec.parse("{}"));
    assertEquals(10102, c.code());
    assertEquals("Invalid value path: /apps/test/new/unchartered/nested/.", c.message());
    c = s.check(StateRoot.VALUES, StatePath.parse("/a"), JsonCodec.parse("{\"array\":[]}"));
    assertEquals(new MutableState.WriteCheck(10101, "Invalid object for states: /array"), c);
  }

  @Test
  void configWritesCheckObjectBeforePath() {
    MutableState s = fresh();
    MutableState.WriteCheck c = s.check(StateRoot.RULES, StatePath.parse("/a/."),
        JsonCodec.parse("{}"));
    assertEquals(10501, c.code());
    c = s.check(StateRoot.OWNERS, StatePath.parse("/a/."), Json.of(1));
    assertEquals(10602, c.code());
    assertEquals("Invalid owner path: /a/.", c.message());
  }

  @Test
  void badWritesThrowTypedErrorsAndChangeNothing() {
    MutableState s = fresh();
    s.set(StateRoot.VALUES, "/a", Json.of(1));
    String before = s.rootProofHash();
    StateDbException e = assertThrows(StateDbException.class,
        () -> s.set(StateRoot.VALUES, "/a/b*", Json.of(1)));
    assertEquals(StateDbException.Reason.INVALID_PATH, e.reason());
    assertEquals(10102, e.ainCode());
    e = assertThrows(StateDbException.class,
        () -> s.set(StateRoot.VALUES, "/a", Json.of(Double.NaN)));
    assertEquals(StateDbException.Reason.INVALID_VALUE, e.reason());
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      deep.append("/d");
    }
    e = assertThrows(StateDbException.class,
        () -> s.set(StateRoot.VALUES, deep.toString(), Json.of(1)));
    assertEquals(11101, e.ainCode());
    assertEquals(before, s.rootProofHash());
  }

  @Test
  void readOptionsRenderTreeInfoVersionAndGuards() {
    MutableState s = fresh();
    s.set(StateRoot.VALUES, "/a", JsonCodec.parse("{\"x\":\"ab\",\"y\":{\"z\":true}}"));
    ReadResult r = s.snapshot().get(StateRoot.VALUES, "/a",
        ReadOptions.DEFAULT.withTreeInfo(true).withVersion(true).withShallow(true));
    assertEquals("{\"x\":\"ab\",\"#version:x\":\"NODE:1\",\"#num_parents:x\":1,"
        + "\"#num_children:x\":0,\"#tree_height:x\":0,\"#tree_size:x\":1,\"#tree_bytes:x\":164,"
        + "\"#tree_max_siblings:x\":1,\"y\":{\"#state_ph\":\""
        + s.snapshot().proofHash("/values/a/y") + "\"},\"#version\":\"NODE:1\","
        + "\"#num_parents\":1,\"#num_children\":2,\"#tree_height\":2,\"#tree_size\":4,"
        + "\"#tree_bytes\":654,\"#tree_max_siblings\":2}", JsonCodec.stringify(r.value()));
    // 160 + (2+164) + (2 + (160 + 2 + 164)) = 654
    assertEquals(Json.NULL, s.snapshot().get(StateRoot.VALUES, "/nope"));
    assertEquals(Json.of("ab"), s.snapshot().get(StateRoot.VALUES, "/a/x"));
  }

  @Test
  void apiGuardRefusesTooManySiblings() {
    MutableState s = fresh();
    Json.JObject.Builder b = Json.JObject.builder();
    for (int i = 0; i < 20001; i++) {
      b.put("k" + i, Json.of(i));
    }
    s.writeRaw(List.of("values", "big"), b.build());
    ReadResult r = s.snapshot().get(StateRoot.VALUES, "/big",
        ReadOptions.DEFAULT.withFromApi(true));
    assertEquals(ReadResult.GET_EXCEEDS_MAX_SIBLINGS, r.code());
    ReadResult partial = s.snapshot().get(StateRoot.VALUES, "/big",
        ReadOptions.DEFAULT.withFromApi(true).withPartial(true, null));
    assertEquals(0, partial.code());
    Json.JObject page = (Json.JObject) partial.value();
    assertEquals(20001, page.size()); // #end_label + 20000 children
  }
}
