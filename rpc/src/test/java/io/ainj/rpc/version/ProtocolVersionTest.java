package io.ainj.rpc.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinJson;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolVersionTest {
  private static final ProtocolVersionPolicy POLICY = ProtocolVersionPolicy.defaults();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1|1.0.0",
        "v1.2|1.2.0",
        "1.0.0-beta|1.0.0",
        "1.6.0|1.6.0",
        "  2.3.4  |2.3.4",
        "abc1def|1.0.0",
        "version 3.1 rc|3.1.0",
        "1.2.3.4|1.2.3",
        "0.9|0.9.0",
        "9007199254740991|9007199254740991.0.0",
      })
  void coercesLikeNpmSemver(String in, String expected) {
    assertEquals(expected, ProtocolVersion.coerce(in).orElseThrow().toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"garbage", "''", "v", "01", "1.02", "12345678901234567890", "9007199254740992"})
  void refusesWhatSemverCoerceRefuses(String in) {
    assertEquals(Optional.empty(), ProtocolVersion.coerce(in));
  }

  @Test
  void numbersCoerceThroughTheirJavaScriptStringForm() {
    assertEquals("1.0.0", ProtocolVersion.coerce(json("1")).orElseThrow().toString());
    assertEquals("1.5.0", ProtocolVersion.coerce(json("1.5")).orElseThrow().toString());
    assertTrue(ProtocolVersion.coerce(json("true")).isEmpty());
    assertTrue(ProtocolVersion.coerce(json("null")).isEmpty());
    assertTrue(ProtocolVersion.coerce(json("[1]")).isEmpty());
  }

  @Test
  void parseIsStrict() {
    assertEquals(new ProtocolVersion(1, 6, 0), ProtocolVersion.parse("1.6.0"));
    assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.parse("v1.6.0"));
    assertThrows(IllegalArgumentException.class, () -> ProtocolVersion.parse("1.6"));
  }

  @Test
  void gateFollowsAinMiddleware() {
    // params present without protoVer: not specified
    assertEquals(30101, code(POLICY.gate(json("{}"), null, false)));
    // a truthy non-object params has no protoVer either
    assertEquals(30101, code(POLICY.gate(json("\"x\""), null, false)));
    assertEquals(30101, code(POLICY.gate(json("[1]"), null, false)));
    // params absent or falsy: version is null, which is invalid
    assertEquals(30102, code(POLICY.gate(null, null, false)));
    assertEquals(30102, code(POLICY.gate(json("null"), null, false)));
    assertEquals(30102, code(POLICY.gate(json("0"), null, false)));
    assertEquals(30102, code(POLICY.gate(json("{\"protoVer\":null}"), null, false)));
    assertEquals(30102, code(POLICY.gate(json("{\"protoVer\":\"x\"}"), null, false)));
    assertEquals(30103, code(POLICY.gate(json("{\"protoVer\":\"0.9.9\"}"), null, false)));
    assertEquals(0, code(POLICY.gate(json("{\"protoVer\":\"1.0.0\"}"), null, false)));
    assertEquals(0, code(POLICY.gate(json("{\"protoVer\":\"99.0.0\"}"), null, false)));
    // query string wins over params, an empty one does not count, a repeated one is invalid
    assertEquals(0, code(POLICY.gate(null, "1.0.0", false)));
    assertEquals(30103, code(POLICY.gate(json("{\"protoVer\":\"1.0.0\"}"), "0.1", false)));
    assertEquals(30101, code(POLICY.gate(json("{}"), "", false)));
    assertEquals(30102, code(POLICY.gate(json("{\"protoVer\":\"1.0.0\"}"), "1.0.0", true)));
  }

  @Test
  void maximumIsEnforcedWhenSet() {
    ProtocolVersionPolicy p =
        new ProtocolVersionPolicy("2.0.0", ProtocolVersion.parse("1.0.0"),
            ProtocolVersion.parse("1.5.0"));
    assertEquals(0, code(p.gate(json("{\"protoVer\":\"1.5.0\"}"), null, false)));
    assertEquals(30103, code(p.gate(json("{\"protoVer\":\"1.5.1\"}"), null, false)));
    assertThrows(IllegalArgumentException.class,
        () -> new ProtocolVersionPolicy("1", ProtocolVersion.parse("2.0.0"),
            ProtocolVersion.parse("1.0.0")));
  }

  @Test
  void bodiesAreExact() {
    assertEquals(
        "{\"result\":null,\"code\":30101,\"message\":\"Protocol version not specified.\",\"protoVer\":\"1.6.0\"}",
        POLICY.gateBody(POLICY.gate(json("{}"), null, false).orElseThrow()).toString());
    assertEquals("{\"result\":true,\"code\":0,\"protoVer\":\"1.6.0\"}",
        POLICY.checkWrapper(json("{\"protoVer\":\"1.0.0\"}")).toString());
    assertEquals(
        "{\"result\":false,\"code\":30103,\"message\":\"Incompatible protocol version.\",\"protoVer\":\"1.6.0\"}",
        POLICY.checkWrapper(json("{\"protoVer\":\"0.1.0\"}")).toString());
    assertEquals(
        "{\"result\":false,\"code\":30101,\"message\":\"Protocol version not specified.\",\"protoVer\":\"1.6.0\"}",
        POLICY.checkWrapper(json("{}")).toString());
  }

  private static int code(Optional<ProtocolVersionPolicy.Rejection> r) {
    return r.map(ProtocolVersionPolicy.Rejection::code).orElse(0);
  }

  private static JsonNode json(String s) {
    return AinJson.parse(s);
  }
}
