package io.ainj.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void sortsKeysByUtf16CodeUnits() {
    assertEquals(
        "{\"10\":1,\"9\":2,\"Alpha\":3,\"_u\":4,\"alpha\":5}",
        CanonicalJson.stringify(AinJson.parse("{\"alpha\":5,\"_u\":4,\"9\":2,\"Alpha\":3,\"10\":1}")));
    // U+FF5E sorts after the surrogate pair of U+1F680 in UTF-16 order, unlike code point order.
    assertEquals("{\"\ud83d\ude80\":1,\"\uff5e\":2}",
        CanonicalJson.stringify(AinJson.parse("{\"\uff5e\":2,\"\ud83d\ude80\":1}")));
  }

  @Test
  void escapesLikeJsonStringify() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("s", "a\"b\\c\b\f\n\r\t\u0000\u001f/\u007f\u2028\u00e9");
    assertEquals("{\"s\":\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0000\\u001f/\u007f\u2028\u00e9\"}",
        CanonicalJson.stringify(node));
  }

  @Test
  void escapesLoneSurrogatesInLowerCase() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("s", "x\uD800y\uDC00z\uDBFF");
    assertEquals("{\"s\":\"x\\ud800y\\udc00z\\udbff\"}", CanonicalJson.stringify(node));
  }

  @Test
  void printsNumbersAsJavaScript() {
    assertEquals("[1e+21,100000000000000000000,1.5e-7,0,-2.5,null,null]",
        CanonicalJson.stringify(JsonNodeFactory.instance.arrayNode()
            .add(1e21).add(new java.math.BigInteger("100000000000000000000")).add(1.5e-7)
            .add(-0.0).add(-2.5).add(Double.NaN).add(Double.POSITIVE_INFINITY)));
    assertEquals("[9007199254740992]", CanonicalJson.stringify(AinJson.parse("[9007199254740993]")));
  }

  @Test
  void dropsUndefinedKeysAndPrintsUndefinedArrayElementsAsNull() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set("gone", com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    node.putArray("a").add(com.fasterxml.jackson.databind.node.MissingNode.getInstance()).add(true);
    assertEquals("{\"a\":[null,true]}", CanonicalJson.stringify(node));
  }

  @Test
  void refusesNodesJsonCannotHold() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putPOJO("p", new Object());
    CryptoException e = assertThrows(CryptoException.class, () -> CanonicalJson.stringify(node));
    assertEquals(CryptoException.Reason.INVALID_JSON, e.reason());
  }

  @Test
  void writeJsPrintsNumbersAsJavaScriptAndKeepsKeyOrder() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("z", 0.0).put("a", 1e21).put("m", 1.5e-7).put("big", 9007199254740993L).put("s", "\u2028");
    node.putArray("l").add(2.5).add(-0.0);
    assertEquals("{\"z\":0,\"a\":1e+21,\"m\":1.5e-7,\"big\":9007199254740992,\"s\":\"\u2028\",\"l\":[2.5,0]}",
        AinJson.writeJsString(node));
  }

  @Test
  void parserRefusesHostileDocuments() {
    String deep = "[".repeat(AinJson.MAX_NESTING_DEPTH + 1) + "]".repeat(AinJson.MAX_NESTING_DEPTH + 1);
    assertEquals(CryptoException.Reason.INVALID_JSON,
        assertThrows(CryptoException.class, () -> AinJson.parse(deep)).reason());
    assertThrows(CryptoException.class, () -> AinJson.parse("{\"a\":1,\"a\":2}"));
    assertThrows(CryptoException.class, () -> AinJson.parse("[NaN]"));
    assertThrows(CryptoException.class, () -> AinJson.parse("{} {}"));
  }
}
