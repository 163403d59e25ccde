package io.ainj.statedb.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.JsNumber;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JBool;
import io.ainj.statedb.json.Json.JNull;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.Json.JString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON edge: Jackson trees and text in, {@link Json} out, and back. Numbers are read as doubles
 * (JavaScript semantics, so {@code 9007199254740993} reads as {@code 9007199254740992} as in
 * {@code JSON.parse}) and written the way {@code JSON.stringify} writes them.
 */
public final class JsonCodec {
  /** Far above the state's own height limit, low enough to keep recursion off the stack's edge. */
  public static final int MAX_NESTING_DEPTH = 512;

  private static final JsonMapper MAPPER = buildMapper();

  private JsonCodec() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses JSON text.
   *
   * @throws IllegalArgumentException with the parser's reason when the text is not JSON
   */
  public static Json parse(String text) {
    try {
      return fromJackson(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Converts a Jackson tree; a missing node (Java null or MissingNode) becomes JSON null. */
  public static Json fromJackson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Json.NULL;
    }
    if (node.isBoolean()) {
      return Json.of(node.booleanValue());
    }
    if (node.isNumber()) {
      return new JNumber(node.doubleValue());
    }
    if (node.isTextual()) {
      return new JString(node.textValue());
    }
    if (node.isArray()) {
      List<Json> items = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        items.add(fromJackson(item));
      }
      return new JArray(items);
    }
    if (node.isObject()) {
      JObject.Builder b = JObject.builder();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        b.put(e.getKey(), fromJackson(e.getValue()));
      }
      return b.build();
    }
    throw new IllegalArgumentException("unsupported JSON node type: " + node.getNodeType());
  }

  /** Converts to a Jackson tree, keeping key order. Non-finite numbers become null. */
  public static JsonNode toJackson(Json value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof JNull) {
      return f.nullNode();
    } else if (value instanceof JBool b) {
      return f.booleanNode(b.value());
    } else if (value instanceof JNumber n) {
      double d = n.value();
      if (!Double.isFinite(d)) {
        return f.nullNode();
      }
      if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
        return f.numberNode((long) d);
      }
      return f.numberNode(d);
    } else if (value instanceof JString s) {
      return f.textNode(s.value());
    } else if (value instanceof JArray a) {
      ArrayNode arr = f.arrayNode();
      for (Json item : a.items()) {
        arr.add(toJackson(item));
      }
      return arr;
    } else {
      JObject o = (JObject) value;
      ObjectNode obj = f.objectNode();
      for (int i = 0; i < o.size(); i++) {
        obj.set(o.key(i), toJackson(o.value(i)));
      }
      return obj;
    }
  }

  /** {@code JSON.stringify(value)} byte for byte (key order as stored). */
  public static String stringify(Json value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Json value) {
    if (value instanceof JNull) {
      sb.append("null");
    } else if (value instanceof JBool b) {
      sb.append(b.value());
    } else if (value instanceof JNumber n) {
      sb.append(JsNumber.toJson(n.value()));
    } else if (value instanceof JString s) {
      quote(sb, s.value());
    } else if (value instanceof JArray a) {
      sb.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, a.items().get(i));
      }
      sb.append(']');
    } else {
      JObject o = (JObject) value;
      sb.append('{');
      for (int i = 0; i < o.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        quote(sb, o.key(i));
        sb.append(':');
        write(sb, o.value(i));
      }
      sb.append('}');
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(sb, s);
    return sb.toString();
  }

  /** JSON.stringify string quoting (ES2019 well-formed: lone surrogates are escaped). */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              unicodeEscape(sb, c);
            }
          } else if (Character.isLowSurrogate(c)) {
            unicodeEscape(sb, c);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u");
    String hex = Integer.toHexString(c);
    for (int k = hex.length(); k < 4; k++) {
      sb.append('0');
    }
    sb.append(hex);
  }

  private static JsonMapper buildMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(64 * 1024 * 1024)
                .maxNumberLength(1000)
                .build());
    return mapper;
  }
}
