package io.ainj.statedb.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonCodecTest {
  @Test
  void numbersFollowJsSemantics() {
    assertEquals("[1e+21,1.5e-7,0,0.30000000000000004,9007199254740992]", JsonCodec.stringify(
        JsonCodec.parse("[1e21, 1.5e-7, -0, 0.30000000000000004, 9007199254740993]")));
    assertEquals(Json.of(0.0), Json.of(-0.0));
  }

  @Test
  void objectsKeepJsPropertyOrder() {
    assertEquals("{\"1\":1,\"4294967294\":3,\"b\":0,\"4294967295\":2,\"01\":4}",
        JsonCodec.stringify(JsonCodec.parse(
            "{\"b\":0,\"1\":1,\"4294967295\":2,\"4294967294\":3,\"01\":4}")));
  }

  @Test
  void stringsAreQuotedLikeJsonStringify() {
    assertEquals("\"a\\\"\\n\\u0001\\ud800\"", JsonCodec.stringify(Json.of("a\"\n\u0001\ud800")));
  }

  @Test
  void invalidTextIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> JsonCodec.parse("{\"a\":NaN}"));
    assertThrows(IllegalArgumentException.class, () -> JsonCodec.parse("{} x"));
  }
}
