package io.ainj.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.CryptoException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON byte-equal to the npm package {@code fast-json-stable-stringify} v2, which AIN
 * uses for every hashed or signed object: no whitespace, object keys sorted by UTF-16 code units
 * ({@link String#compareTo} is exactly that order), strings escaped as {@code JSON.stringify}
 * escapes them and numbers printed as JavaScript prints them.
 */
public final class CanonicalJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  public static String stringify(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    write(node, sb);
    return sb.toString();
  }

  /** UTF-8 of {@link #stringify}; the escaping leaves no lone surrogate, so encoding is lossless. */
  public static byte[] encode(JsonNode node) {
    return stringify(node).getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder sb) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, sb);
      case ARRAY -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          JsonNode element = node.get(i);
          // An undefined array element prints as null in JS.
          if (element == null || element.isMissingNode()) {
            sb.append("null");
          } else {
            write(element, sb);
          }
        }
        sb.append(']');
      }
      case STRING -> appendString(node.textValue(), sb);
      case NUMBER -> sb.append(JsNumber.toJson(node.doubleValue()));
      case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
      case NULL -> sb.append("null");
      default -> throw new CryptoException(
          Reason.INVALID_JSON, "cannot canonicalise a JSON node of type " + node.getNodeType());
    }
  }

  private static void writeObject(JsonNode node, StringBuilder sb) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      // JS drops keys whose value is undefined; a missing node is our undefined.
      if (!field.getValue().isMissingNode()) {
        fields.add(field);
      }
    }
    fields.sort(Map.Entry.comparingByKey());
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> field : fields) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      appendString(field.getKey(), sb);
      sb.append(':');
      write(field.getValue(), sb);
    }
    sb.append('}');
  }

  /**
   * {@code JSON.stringify} string escaping (ES2019 well-formed): the short escapes for
   * {@code \b \t \n \f \r}, lower-case <code>&#92;u00xx</code> for other controls, lone surrogates escaped,
   * and nothing else ({@code /}, U+007F, U+2028 and non-ASCII stay raw).
   */
  public static void appendString(String s, StringBuilder sb) {
    sb.append('"');
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            appendUnicodeEscape(c, sb);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
              sb.append(c).append(s.charAt(++i));
            } else {
              appendUnicodeEscape(c, sb);
            }
          } else if (Character.isLowSurrogate(c)) {
            appendUnicodeEscape(c, sb);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void appendUnicodeEscape(char c, StringBuilder sb) {
    sb.append("\\u")
        .append(HEX[(c >> 12) & 0xf])
        .append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
