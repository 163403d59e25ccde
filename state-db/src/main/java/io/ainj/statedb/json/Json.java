package io.ainj.statedb.json;

import io.ainj.crypto.JsNumber;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable JSON value. Arrays exist only so that invalid input (AIN refuses arrays in state)
 * can be represented and reported with the right path; the state tree never stores one.
 */
public sealed interface Json permits Json.JNull, Json.JBool, Json.JNumber, Json.JString,
    Json.JArray, Json.JObject {

  JNull NULL = new JNull();
  JBool TRUE = new JBool(true);
  JBool FALSE = new JBool(false);

  static Json of(boolean b) {
    return b ? TRUE : FALSE;
  }

  static Json of(double d) {
    return new JNumber(d);
  }

  static Json of(String s) {
    return new JString(s);
  }

  default boolean isNull() {
    return this instanceof JNull;
  }

  default boolean isObject() {
    return this instanceof JObject;
  }

  /** JavaScript {@code String(value)} for primitives, which is what AIN hashes for a leaf. */
  String jsString();

  /** JSON null. */
  final class JNull implements Json {
    private JNull() {}

    @Override
    public String jsString() {
      return "null";
    }

    @Override
    public String toString() {
      return "null";
    }
  }

  /** A boolean. */
  record JBool(boolean value) implements Json {
    @Override
    public String jsString() {
      return value ? "true" : "false";
    }

    @Override
    public String toString() {
      return jsString();
    }
  }

  /**
   * A JavaScript number (IEEE double). NaN and the infinities can be represented (a vm may compute
   * them) but are refused as state values, as AIN's "finite number" test does.
   */
  record JNumber(double value) implements Json {
    @Override
    public String jsString() {
      return JsNumber.toString(value);
    }

    public boolean isFinite() {
      return Double.isFinite(value);
    }

    @Override
    public boolean equals(Object o) {
      // JS === semantics for the numbers the state can hold: 0 === -0.
      return o instanceof JNumber n && (n.value == value || (Double.isNaN(value) && Double.isNaN(n.value)));
    }

    @Override
    public int hashCode() {
      return value == 0 ? 0 : Double.hashCode(value);
    }

    @Override
    public String toString() {
      return JsNumber.toJson(value);
    }
  }

  /** A string (UTF-16, as in JavaScript). */
  record JString(String value) implements Json {
    public JString {
      Objects.requireNonNull(value);
    }

    @Override
    public String jsString() {
      return value;
    }

    @Override
    public String toString() {
      return JsonCodec.quote(value);
    }
  }

  /** An array; only ever seen in input that is about to be refused. */
  record JArray(List<Json> items) implements Json {
    public JArray {
      items = List.copyOf(items);
    }

    @Override
    public String jsString() {
      return "[object Array]";
    }

    @Override
    public String toString() {
      return JsonCodec.stringify(this);
    }
  }

  /**
   * An object whose keys iterate in JavaScript property order: canonical array-index keys
   * ("0".."4294967294") ascending first, then the others in insertion order. AIN builds a node's
   * children with {@code for (key in obj)}, so this order decides child serials and therefore the
   * order of GET output.
   */
  final class JObject implements Json {
    private final String[] keys;
    private final Json[] values;

    private JObject(String[] keys, Json[] values) {
      this.keys = keys;
      this.values = values;
    }

    public static final JObject EMPTY = new JObject(new String[0], new Json[0]);

    /** Builds from insertion-ordered entries; a repeated key keeps its first position, last value. */
    public static JObject of(Map<String, ? extends Json> entries) {
      Builder b = builder();
      entries.forEach(b::put);
      return b.build();
    }

    public static Builder builder() {
      return new Builder();
    }

    public int size() {
      return keys.length;
    }

    public boolean isEmpty() {
      return keys.length == 0;
    }

    public String key(int i) {
      return keys[i];
    }

    public Json value(int i) {
      return values[i];
    }

    /** The value for {@code key}, or Java null when absent. */
    public Json get(String key) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(key)) {
          return values[i];
        }
      }
      return null;
    }

    public boolean has(String key) {
      return get(key) != null;
    }

    public List<String> keys() {
      return Collections.unmodifiableList(java.util.Arrays.asList(keys));
    }

    public Map<String, Json> asMap() {
      Map<String, Json> m = new LinkedHashMap<>();
      for (int i = 0; i < keys.length; i++) {
        m.put(keys[i], values[i]);
      }
      return Collections.unmodifiableMap(m);
    }

    @Override
    public String jsString() {
      return "[object Object]";
    }

    @Override
    public boolean equals(Object o) {
      // Deep equality that ignores key order, like lodash isEqual on plain objects.
      if (!(o instanceof JObject other) || other.keys.length != keys.length) {
        return false;
      }
      for (int i = 0; i < keys.length; i++) {
        Json v = other.get(keys[i]);
        if (v == null || !v.equals(values[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = 0;
      for (int i = 0; i < keys.length; i++) {
        h += keys[i].hashCode() ^ values[i].hashCode();
      }
      return h;
    }

    @Override
    public String toString() {
      return JsonCodec.stringify(this);
    }

    /** Collects entries and orders them the JavaScript way at {@link #build()}. */
    public static final class Builder {
      private final LinkedHashMap<String, Json> entries = new LinkedHashMap<>();

      public Builder put(String key, Json value) {
        entries.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return this;
      }

      public Builder remove(String key) {
        entries.remove(key);
        return this;
      }

      public JObject build() {
        int n = entries.size();
        List<String> index = new ArrayList<>();
        List<String> named = new ArrayList<>(n);
        for (String k : entries.keySet()) {
          if (isArrayIndex(k)) {
            index.add(k);
          } else {
            named.add(k);
          }
        }
        index.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        String[] ks = new String[n];
        Json[] vs = new Json[n];
        int i = 0;
        for (String k : index) {
          ks[i] = k;
          vs[i++] = entries.get(k);
        }
        for (String k : named) {
          ks[i] = k;
          vs[i++] = entries.get(k);
        }
        return new JObject(ks, vs);
      }
    }

    /** ECMAScript array index: canonical decimal form of an integer in [0, 2^32 - 2]. */
    static boolean isArrayIndex(String k) {
      int len = k.length();
      if (len == 0 || len > 10) {
        return false;
      }
      if (len > 1 && k.charAt(0) == '0') {
        return false;
      }
      for (int i = 0; i < len; i++) {
        char c = k.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return Long.parseLong(k) <= 4294967294L;
    }
  }
}
