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

    /**
     * Collects entries and orders them the JavaScript way at {@link #build()}. Parallel arrays
     * with a linear key search while small (results and rule inputs have a handful of keys), and
     * a hash index once an object grows past {@value #INDEX_FROM} keys.
     */
    public static final class Builder {
      private static final int INDEX_FROM = 12;
      private String[] ks = new String[8];
      private Json[] vs = new Json[8];
      private int n;
      private boolean anyIndexKey;
      private java.util.HashMap<String, Integer> index;

      private int find(String key) {
        if (index != null) {
          Integer i = index.get(key);
          return i == null ? -1 : i;
        }
        for (int i = 0; i < n; i++) {
          if (ks[i].equals(key)) {
            return i;
          }
        }
        return -1;
      }

      public Builder put(String key, Json value) {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
        int i = find(key);
        if (i >= 0) {
          vs[i] = value; // a repeated key keeps its first position
          return this;
        }
        if (n == ks.length) {
          ks = java.util.Arrays.copyOf(ks, n * 2);
          vs = java.util.Arrays.copyOf(vs, n * 2);
        }
        ks[n] = key;
        vs[n] = value;
        if (index != null) {
          index.put(key, n);
        }
        n++;
        anyIndexKey |= isArrayIndex(key);
        if (index == null && n > INDEX_FROM) {
          index = new java.util.HashMap<>(n * 4);
          for (int k = 0; k < n; k++) {
            index.put(ks[k], k);
          }
        }
        return this;
      }

      public Builder remove(String key) {
        int i = find(key);
        if (i < 0) {
          return this;
        }
        System.arraycopy(ks, i + 1, ks, i, n - i - 1);
        System.arraycopy(vs, i + 1, vs, i, n - i - 1);
        n--;
        ks[n] = null;
        vs[n] = null;
        if (index != null) {
          index.remove(key);
          for (int k = i; k < n; k++) {
            index.put(ks[k], k);
          }
        }
        return this;
      }

      public JObject build() {
        if (!anyIndexKey) {
          return new JObject(java.util.Arrays.copyOf(ks, n), java.util.Arrays.copyOf(vs, n));
        }
        // Array-index keys first in numeric order, then the others in insertion order.
        Integer[] order = new Integer[n];
        int indexed = 0;
        for (int i = 0; i < n; i++) {
          if (isArrayIndex(ks[i])) {
            order[indexed++] = i;
          }
        }
        java.util.Arrays.sort(order, 0, indexed,
            (a, b) -> Long.compare(Long.parseLong(ks[a]), Long.parseLong(ks[b])));
        int at = indexed;
        for (int i = 0; i < n; i++) {
          if (!isArrayIndex(ks[i])) {
            order[at++] = i;
          }
        }
        String[] outK = new String[n];
        Json[] outV = new Json[n];
        for (int i = 0; i < n; i++) {
          outK[i] = ks[order[i]];
          outV[i] = vs[order[i]];
        }
        return new JObject(outK, outV);
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
