package io.ainj.vm.rule;

import io.ainj.crypto.JsNumber;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JBool;
import io.ainj.statedb.json.Json.JNumber;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.Json.JString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value model of the rule language and JavaScript's abstract operations over it.
 *
 * <p>A rule value is one of: {@link #UNDEFINED}, {@link #NULL}, {@link Boolean}, {@link Double}
 * (every JavaScript number), {@link String}, {@link JsObject}, {@link JsArray} or {@link
 * JsFunction}. Nothing else can appear, which is what keeps Java objects, classes and reflection
 * out of a rule's reach. The conversions follow ECMA-262 (ToBoolean, ToNumber, ToString,
 * ToPrimitive, IsStrictlyEqual, IsLooselyEqual, IsLessThan) because AIN evaluates rules with V8
 * and consensus depends on the exact outcome.
 */
public final class Js {
  /** JavaScript {@code undefined}. */
  public enum Undefined {
    INSTANCE;

    @Override
    public String toString() {
      return "undefined";
    }
  }

  /** JavaScript {@code null}. */
  public enum Null {
    INSTANCE;

    @Override
    public String toString() {
      return "null";
    }
  }

  public static final Undefined UNDEFINED = Undefined.INSTANCE;
  public static final Null NULL = Null.INSTANCE;

  private Js() {}

  // ---- type tests -------------------------------------------------------------------------

  public static boolean isNullish(Object v) {
    return v == UNDEFINED || v == NULL;
  }

  public static boolean isObjectLike(Object v) {
    return v instanceof JsObject || v instanceof JsArray || v instanceof JsFunction;
  }

  /** {@code typeof v}. */
  public static String typeOf(Object v) {
    if (v == UNDEFINED) {
      return "undefined";
    } else if (v == NULL) {
      return "object";
    } else if (v instanceof Boolean) {
      return "boolean";
    } else if (v instanceof Double) {
      return "number";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof JsFunction) {
      return "function";
    }
    return "object";
  }

  // ---- conversions ------------------------------------------------------------------------

  /** ToBoolean. */
  public static boolean truthy(Object v) {
    if (v == UNDEFINED || v == NULL) {
      return false;
    } else if (v instanceof Boolean b) {
      return b;
    } else if (v instanceof Double d) {
      return !(d == 0 || d.isNaN());
    } else if (v instanceof String s) {
      return !s.isEmpty();
    }
    return true;
  }

  /** ToNumber. */
  public static double toNumber(Object v) {
    if (v instanceof Double d) {
      return d;
    } else if (v == UNDEFINED) {
      return Double.NaN;
    } else if (v == NULL) {
      return 0;
    } else if (v instanceof Boolean b) {
      return b ? 1 : 0;
    } else if (v instanceof String s) {
      return stringToNumber(s);
    }
    return toNumber(toPrimitive(v));
  }

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  /** StringToNumber (ECMA-262 7.1.4.1.1): whitespace-trimmed numeric literal, else NaN. */
  public static double stringToNumber(String s) {
    String t = trimJs(s);
    if (t.isEmpty()) {
      return 0;
    }
    if (t.length() > 2 && t.charAt(0) == '0') {
      char p = t.charAt(1);
      int radix = p == 'x' || p == 'X' ? 16 : p == 'o' || p == 'O' ? 8 : p == 'b' || p == 'B' ? 2 : 0;
      if (radix != 0) {
        return parseRadixDigits(t.substring(2), radix);
      }
    }
    switch (t) {
      case "Infinity", "+Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (!DECIMAL.matcher(t).matches()) {
      return Double.NaN;
    }
    return Double.parseDouble(t);
  }

  /** Digits in a radix to a double, rounding like JavaScript (exact below 2^53). NaN if bad. */
  static double parseRadixDigits(String digits, int radix) {
    if (digits.isEmpty()) {
      return Double.NaN;
    }
    java.math.BigInteger acc = java.math.BigInteger.ZERO;
    java.math.BigInteger r = java.math.BigInteger.valueOf(radix);
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), radix);
      if (d < 0 || digits.charAt(i) > 0x7f) {
        return Double.NaN;
      }
      acc = acc.multiply(r).add(java.math.BigInteger.valueOf(d));
    }
    return acc.doubleValue();
  }

  /** True for JavaScript WhiteSpace and LineTerminator code units. */
  public static boolean isJsWhitespace(char c) {
    return switch (c) {
      case '\t', '\n', 0x0b, '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f,
          0x3000, 0xfeff -> true;
      default -> c >= 0x2000 && c <= 0x200a;
    };
  }

  static String trimJs(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isJsWhitespace(s.charAt(a))) {
      a++;
    }
    while (b > a && isJsWhitespace(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  /** ToString. */
  public static String toJsString(Object v) {
    if (v instanceof String s) {
      return s;
    } else if (v instanceof Double d) {
      return JsNumber.toString(d);
    } else if (v instanceof Boolean b) {
      return b ? "true" : "false";
    } else if (v == UNDEFINED) {
      return "undefined";
    } else if (v == NULL) {
      return "null";
    }
    return (String) toPrimitive(v);
  }

  /**
   * ToPrimitive for the objects a rule can hold. Plain objects print as {@code [object Object]}
   * (their {@code valueOf} is the object itself), unless the data has an own {@code toString} or
   * {@code valueOf} key: a data value is never callable, so JavaScript skips it and, finding no
   * callable, throws a TypeError.
   */
  public static Object toPrimitive(Object v) {
    if (v instanceof JsObject o) {
      if (o.has("toString")) {
        throw JsThrow.typeError("Cannot convert object to primitive value");
      }
      return "[object Object]";
    } else if (v instanceof JsArray a) {
      return join(a, ",");
    } else if (v instanceof JsFunction f) {
      return "function " + f.name() + "() { [native code] }";
    }
    return v;
  }

  /** Array.prototype.join. */
  public static String join(JsArray a, String sep) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.items().size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      Object item = a.items().get(i);
      if (!isNullish(item)) {
        sb.append(toJsString(item));
      }
    }
    return sb.toString();
  }

  /** ToInt32. */
  public static int toInt32(Object v) {
    return doubleToInt32(toNumber(v));
  }

  static int doubleToInt32(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return 0;
    }
    double t = d < 0 ? Math.ceil(d) : Math.floor(d);
    double m = t % 4294967296.0;
    return (int) (long) m;
  }

  // ---- equality and comparison ------------------------------------------------------------

  /** {@code a === b}. */
  public static boolean strictEquals(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof String x && b instanceof String y) {
      return x.equals(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return x.booleanValue() == y.booleanValue();
    }
    return a == b;
  }

  /** {@code a == b} (IsLooselyEqual). */
  public static boolean looseEquals(Object a, Object b) {
    while (true) {
      if (typeOf(a).equals(typeOf(b)) && (a == NULL) == (b == NULL)) {
        return strictEquals(a, b);
      }
      if (isNullish(a) && isNullish(b)) {
        return true;
      }
      if (isNullish(a) || isNullish(b)) {
        return false;
      }
      if (a instanceof Double && b instanceof String s) {
        return ((Double) a) == stringToNumber(s);
      }
      if (a instanceof String s && b instanceof Double d) {
        return stringToNumber(s) == d;
      }
      if (a instanceof Boolean) {
        a = toNumber(a);
        continue;
      }
      if (b instanceof Boolean) {
        b = toNumber(b);
        continue;
      }
      if (isObjectLike(a) && !isObjectLike(b)) {
        a = toPrimitive(a);
        continue;
      }
      if (isObjectLike(b) && !isObjectLike(a)) {
        b = toPrimitive(b);
        continue;
      }
      return false;
    }
  }

  /**
   * IsLessThan(a, b) after ToPrimitive: {@code TRUE}, {@code FALSE}, or null for "undefined"
   * (a NaN was involved), so that {@code <=} can tell the cases apart.
   */
  public static Boolean lessThan(Object a, Object b) {
    Object pa = toPrimitive(a);
    Object pb = toPrimitive(b);
    if (pa instanceof String x && pb instanceof String y) {
      return x.compareTo(y) < 0; // UTF-16 code-unit order, as in JavaScript
    }
    double x = toNumber(pa);
    double y = toNumber(pb);
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return null;
    }
    return x < y;
  }

  // ---- JSON edge --------------------------------------------------------------------------

  /** A state value as a rule value; objects are wrapped, not copied. */
  public static Object fromJson(Json j) {
    if (j == null || j instanceof Json.JNull) {
      return NULL;
    } else if (j instanceof JBool b) {
      return b.value();
    } else if (j instanceof JNumber n) {
      return n.value();
    } else if (j instanceof JString s) {
      return s.value();
    } else if (j instanceof JObject o) {
      return new JsonObjectView(o);
    } else {
      JArray a = (JArray) j;
      List<Object> items = new ArrayList<>(a.items().size());
      for (Json item : a.items()) {
        items.add(fromJson(item));
      }
      return new JsArray(items);
    }
  }

  /**
   * A rule value as JSON, the way it would look after a structured copy: undefined and
   * functions become null at top level and are dropped inside objects.
   */
  public static Json toJson(Object v) {
    if (v instanceof Double d) {
      return new JNumber(d);
    } else if (v instanceof String s) {
      return new JString(s);
    } else if (v instanceof Boolean b) {
      return Json.of(b);
    } else if (v instanceof JsonObjectView view) {
      return view.json();
    } else if (v instanceof JsObject o) {
      JObject.Builder b = JObject.builder();
      for (String k : o.keys()) {
        Object child = o.get(k);
        if (child != UNDEFINED && !(child instanceof JsFunction)) {
          b.put(k, toJson(child));
        }
      }
      return b.build();
    } else if (v instanceof JsArray a) {
      List<Json> items = new ArrayList<>();
      for (Object item : a.items()) {
        items.add(item == UNDEFINED || item instanceof JsFunction ? Json.NULL : toJson(item));
      }
      return new JArray(items);
    }
    return Json.NULL;
  }

  /** A JSON object seen as a read-only rule object (no copy). */
  public record JsonObjectView(JObject json) implements JsObject {
    @Override
    public Object get(String key) {
      Json v = json.get(key);
      return v == null ? null : fromJson(v);
    }

    @Override
    public List<String> keys() {
      return json.keys();
    }

    @Override
    public boolean has(String key) {
      return json.has(key);
    }
  }
}
