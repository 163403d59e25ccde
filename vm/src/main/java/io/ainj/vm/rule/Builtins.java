package io.ainj.vm.rule;

import io.ainj.crypto.JsNumber;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed table of globals and of properties on built-in values. This class is the whole
 * surface a rule can reach besides its bindings: if a name is not here, the rule sees
 * {@code undefined} (properties) or a ReferenceError (globals). In particular there is no
 * {@code constructor}, {@code __proto__}, {@code prototype}, {@code call}/{@code apply}/
 * {@code bind}, and no global object.
 */
public final class Builtins {
  private Builtins() {}

  /** A built-in function from a lambda. */
  public record Fn(String name, Impl impl, Map<String, Object> statics) implements JsFunction {
    /** The body of a built-in. */
    @FunctionalInterface
    public interface Impl {
      Object call(Interpreter in, List<Object> args);
    }

    public Fn(String name, Impl impl) {
      this(name, impl, Map.of());
    }

    @Override
    public Object call(Interpreter in, List<Object> args) {
      return impl.call(in, args);
    }
  }

  static Object arg(List<Object> args, int i) {
    return i < args.size() ? args.get(i) : Js.UNDEFINED;
  }

  private static final double MAX_SAFE = 9007199254740991.0;

  static boolean isIntegral(Object v) {
    return v instanceof Double d && Double.isFinite(d) && Math.floor(d) == d;
  }

  public static final Fn NUMBER = new Fn("Number",
      (in, a) -> a.isEmpty() ? 0.0 : Js.toNumber(a.get(0)),
      Map.ofEntries(
          Map.entry("isInteger", new Fn("isInteger", (in, a) -> isIntegral(arg(a, 0)))),
          Map.entry("isSafeInteger", new Fn("isSafeInteger",
              (in, a) -> isIntegral(arg(a, 0)) && Math.abs((Double) arg(a, 0)) <= MAX_SAFE)),
          Map.entry("isFinite", new Fn("isFinite",
              (in, a) -> arg(a, 0) instanceof Double d && Double.isFinite(d))),
          Map.entry("isNaN", new Fn("isNaN", (in, a) -> arg(a, 0) instanceof Double d && d.isNaN())),
          Map.entry("MAX_SAFE_INTEGER", MAX_SAFE),
          Map.entry("MIN_SAFE_INTEGER", -MAX_SAFE),
          Map.entry("EPSILON", Math.ulp(1.0)),
          Map.entry("MAX_VALUE", Double.MAX_VALUE),
          Map.entry("MIN_VALUE", Double.MIN_VALUE),
          Map.entry("POSITIVE_INFINITY", Double.POSITIVE_INFINITY),
          Map.entry("NEGATIVE_INFINITY", Double.NEGATIVE_INFINITY),
          Map.entry("NaN", Double.NaN)));

  public static final Fn STRING = new Fn("String", (in, a) -> {
    if (a.isEmpty()) {
      return "";
    }
    String s = Js.toJsString(a.get(0));
    in.meter().string(s.length());
    return s;
  });

  public static final Fn BOOLEAN = new Fn("Boolean", (in, a) -> Js.truthy(arg(a, 0)));

  /** Globals every JavaScript function sees and a rule may use. */
  public static Object global(String name) {
    return switch (name) {
      case "Number" -> NUMBER;
      case "String" -> STRING;
      case "Boolean" -> BOOLEAN;
      case "undefined" -> Js.UNDEFINED;
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      default -> null;
    };
  }

  /** Property lookup on any non-nullish rule value; Java null means "absent" (undefined). */
  static Object member(Interpreter in, Object obj, String key) {
    if (obj instanceof String s) {
      return stringMember(s, key);
    } else if (obj instanceof Double d) {
      return numberMember(d, key);
    } else if (obj instanceof Boolean b) {
      return switch (key) {
        case "toString" -> new Fn("toString", (i, a) -> b ? "true" : "false");
        case "valueOf" -> new Fn("valueOf", (i, a) -> b);
        default -> null;
      };
    } else if (obj instanceof JsArray arr) {
      return arrayMember(arr, key);
    } else if (obj instanceof JsObject o) {
      Object own = o.get(key);
      if (own != null) {
        return own;
      }
      return switch (key) {
        case "hasOwnProperty" -> new Fn("hasOwnProperty",
            (i, a) -> o.has(Js.toJsString(arg(a, 0))));
        case "toString" -> new Fn("toString", (i, a) -> "[object Object]");
        case "valueOf" -> new Fn("valueOf", (i, a) -> o);
        default -> null;
      };
    } else if (obj instanceof JsFunction f) {
      if (key.equals("name")) {
        return f.name();
      }
      if (f instanceof Fn fn) {
        return fn.statics().get(key);
      }
      return null;
    }
    return null;
  }

  private static Object indexOf(String key, int length, java.util.function.IntFunction<Object> at) {
    if (key.isEmpty() || key.length() > 10) {
      return null;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < '0' || key.charAt(i) > '9') {
        return null;
      }
    }
    if (key.length() > 1 && key.charAt(0) == '0') {
      return null;
    }
    long idx = Long.parseLong(key);
    return idx < length ? at.apply((int) idx) : null;
  }

  /** ToIntegerOrInfinity clamped into [0, len] the way String/Array methods clamp positions. */
  static int relative(Object v, int len, int dflt) {
    if (v == Js.UNDEFINED) {
      return dflt;
    }
    double d = Js.toNumber(v);
    if (Double.isNaN(d)) {
      d = 0;
    }
    d = d < 0 ? Math.ceil(d) : Math.floor(d);
    if (d < 0) {
      d = Math.max(0, len + d);
    }
    return (int) Math.min(d, len);
  }

  static int clampPos(Object v, int len, int dflt) {
    if (v == Js.UNDEFINED) {
      return dflt;
    }
    double d = Js.toNumber(v);
    if (Double.isNaN(d)) {
      return 0;
    }
    return (int) Math.max(0, Math.min(len, d < 0 ? Math.ceil(d) : Math.floor(d)));
  }

  private static Object stringMember(String s, String key) {
    if (key.equals("length")) {
      return (double) s.length();
    }
    Object idx = indexOf(key, s.length(), i -> String.valueOf(s.charAt(i)));
    if (idx != null) {
      return idx;
    }
    int len = s.length();
    return switch (key) {
      case "toString", "valueOf" -> new Fn(key, (in, a) -> s);
      case "charAt" -> new Fn(key, (in, a) -> {
        double p = Js.toNumber(arg(a, 0));
        int i = Double.isNaN(p) ? 0 : (int) Math.max(-1, Math.min(len, p));
        return i >= 0 && i < len ? String.valueOf(s.charAt(i)) : "";
      });
      case "charCodeAt" -> new Fn(key, (in, a) -> {
        double p = Js.toNumber(arg(a, 0));
        int i = Double.isNaN(p) ? 0 : (int) Math.max(-1, Math.min(len, p));
        return i >= 0 && i < len ? (double) s.charAt(i) : Double.NaN;
      });
      case "at" -> new Fn(key, (in, a) -> {
        double p = Js.toNumber(arg(a, 0));
        long i = Double.isNaN(p) ? 0 : (long) p;
        if (i < 0) {
          i += len;
        }
        return i >= 0 && i < len ? (Object) String.valueOf(s.charAt((int) i)) : Js.UNDEFINED;
      });
      case "indexOf" -> new Fn(key, (in, a) -> {
        in.meter().steps(1 + len / 64);
        return (double) s.indexOf(Js.toJsString(arg(a, 0)), clampPos(arg(a, 1), len, 0));
      });
      case "lastIndexOf" -> new Fn(key, (in, a) -> {
        in.meter().steps(1 + len / 64);
        return (double) s.lastIndexOf(Js.toJsString(arg(a, 0)));
      });
      case "includes" -> new Fn(key, (in, a) -> {
        in.meter().steps(1 + len / 64);
        return s.indexOf(Js.toJsString(arg(a, 0)), clampPos(arg(a, 1), len, 0)) >= 0;
      });
      case "startsWith" -> new Fn(key,
          (in, a) -> s.startsWith(Js.toJsString(arg(a, 0)), clampPos(arg(a, 1), len, 0)));
      case "endsWith" -> new Fn(key, (in, a) -> {
        int end = clampPos(arg(a, 1), len, len);
        return s.substring(0, end).endsWith(Js.toJsString(arg(a, 0)));
      });
      case "slice" -> new Fn(key, (in, a) -> {
        int from = relative(arg(a, 0), len, 0);
        int to = relative(arg(a, 1), len, len);
        return from < to ? s.substring(from, to) : "";
      });
      case "substring" -> new Fn(key, (in, a) -> {
        int x = clampPos(arg(a, 0), len, 0);
        int y = clampPos(arg(a, 1), len, len);
        return s.substring(Math.min(x, y), Math.max(x, y));
      });
      case "substr" -> new Fn(key, (in, a) -> {
        int from = relative(arg(a, 0), len, 0);
        Object l = arg(a, 1);
        double n = l == Js.UNDEFINED ? len : Js.toNumber(l);
        int count = Double.isNaN(n) ? 0 : (int) Math.max(0, Math.min(n, len - from));
        return s.substring(from, from + count);
      });
      case "toLowerCase", "toLocaleLowerCase" -> new Fn(key, (in, a) -> {
        in.meter().string(len);
        return s.toLowerCase(Locale.ROOT);
      });
      case "toUpperCase", "toLocaleUpperCase" -> new Fn(key, (in, a) -> {
        in.meter().string(len);
        return s.toUpperCase(Locale.ROOT);
      });
      case "trim" -> new Fn(key, (in, a) -> Js.trimJs(s));
      case "trimStart" -> new Fn(key, (in, a) -> {
        int i = 0;
        while (i < len && Js.isJsWhitespace(s.charAt(i))) {
          i++;
        }
        return s.substring(i);
      });
      case "trimEnd" -> new Fn(key, (in, a) -> {
        int i = len;
        while (i > 0 && Js.isJsWhitespace(s.charAt(i - 1))) {
          i--;
        }
        return s.substring(0, i);
      });
      case "concat" -> new Fn(key, (in, a) -> {
        StringBuilder sb = new StringBuilder(s);
        for (Object o : a) {
          String part = Js.toJsString(o);
          in.meter().string((long) sb.length() + part.length());
          sb.append(part);
        }
        return sb.toString();
      });
      case "repeat" -> new Fn(key, (in, a) -> {
        double n = Js.toNumber(arg(a, 0));
        if (Double.isNaN(n)) {
          n = 0;
        }
        if (n < 0 || Double.isInfinite(n)) {
          throw new JsThrow("RangeError: Invalid count value: " + Js.toJsString(arg(a, 0)));
        }
        long count = (long) n;
        in.meter().string(count * len);
        return s.repeat((int) count);
      });
      case "padStart", "padEnd" -> new Fn(key, (in, a) -> {
        double target = Js.toNumber(arg(a, 0));
        String fill = arg(a, 1) == Js.UNDEFINED ? " " : Js.toJsString(arg(a, 1));
        if (Double.isNaN(target) || target <= len || fill.isEmpty()) {
          return s;
        }
        in.meter().string((long) target);
        int need = (int) target - len;
        StringBuilder pad = new StringBuilder(need);
        while (pad.length() < need) {
          pad.append(fill, 0, Math.min(fill.length(), need - pad.length()));
        }
        return key.equals("padStart") ? pad + s : s + pad;
      });
      case "split" -> new Fn(key, (in, a) -> {
        Object sepArg = arg(a, 0);
        long limit = arg(a, 1) == Js.UNDEFINED ? 4294967295L
            : (Js.toInt32(arg(a, 1)) & 0xffffffffL);
        List<Object> parts = new ArrayList<>();
        if (limit == 0) {
          return new JsArray(parts);
        }
        if (sepArg == Js.UNDEFINED) {
          parts.add(s);
          return new JsArray(parts);
        }
        String sep = Js.toJsString(sepArg);
        in.meter().steps(1 + len);
        if (sep.isEmpty()) {
          for (int i = 0; i < len && parts.size() < limit; i++) {
            parts.add(String.valueOf(s.charAt(i)));
          }
          return new JsArray(parts);
        }
        int from = 0;
        while (parts.size() < limit) {
          int at = s.indexOf(sep, from);
          if (at < 0) {
            parts.add(s.substring(from));
            break;
          }
          parts.add(s.substring(from, at));
          from = at + sep.length();
        }
        return new JsArray(parts);
      });
      default -> null;
    };
  }

  private static Object numberMember(double d, String key) {
    return switch (key) {
      case "valueOf" -> new Fn(key, (in, a) -> d);
      case "toString" -> new Fn(key, (in, a) -> {
        Object r = arg(a, 0);
        int radix = r == Js.UNDEFINED ? 10 : (int) Js.toNumber(r);
        if (radix < 2 || radix > 36) {
          throw new JsThrow("RangeError: toString() radix must be between 2 and 36");
        }
        if (radix == 10 || !Double.isFinite(d)) {
          return JsNumber.toString(d);
        }
        if (Math.floor(d) == d && Math.abs(d) < 9.007199254740992E15) {
          return Long.toString((long) d, radix);
        }
        throw JsThrow.typeError("fractional radix conversion is not supported in rules");
      });
      case "toFixed" -> new Fn(key, (in, a) -> {
        double f = Js.toNumber(arg(a, 0));
        int digits = Double.isNaN(f) ? 0 : (int) f;
        if (digits < 0 || digits > 100) {
          throw new JsThrow("RangeError: toFixed() digits argument must be between 0 and 100");
        }
        if (!Double.isFinite(d) || Math.abs(d) >= 1e21) {
          return JsNumber.toString(d);
        }
        BigDecimal exact = new BigDecimal(Math.abs(d)).setScale(digits, RoundingMode.HALF_UP);
        String body = exact.toPlainString();
        return d < 0 && exact.signum() != 0 ? "-" + body : (d < 0 ? "-" + body : body);
      });
      default -> null;
    };
  }

  private static Object arrayMember(JsArray arr, String key) {
    List<Object> items = arr.items();
    if (key.equals("length")) {
      return (double) items.size();
    }
    Object idx = indexOf(key, items.size(), items::get);
    if (idx != null) {
      return idx;
    }
    return switch (key) {
      case "includes" -> new Fn(key, (in, a) -> {
        in.meter().steps(items.size());
        Object x = arg(a, 0);
        for (Object it : items) {
          if (Js.strictEquals(it, x) || (x instanceof Double d && d.isNaN()
              && it instanceof Double e && e.isNaN())) {
            return true;
          }
        }
        return false;
      });
      case "indexOf" -> new Fn(key, (in, a) -> {
        in.meter().steps(items.size());
        Object x = arg(a, 0);
        for (int i = 0; i < items.size(); i++) {
          if (Js.strictEquals(items.get(i), x)) {
            return (double) i;
          }
        }
        return -1.0;
      });
      case "join", "toString" -> new Fn(key, (in, a) -> {
        String sep = key.equals("join") && arg(a, 0) != Js.UNDEFINED ? Js.toJsString(arg(a, 0)) : ",";
        in.meter().steps(items.size());
        String s = Js.join(arr, sep);
        in.meter().string(s.length());
        return s;
      });
      case "slice" -> new Fn(key, (in, a) -> {
        int from = relative(arg(a, 0), items.size(), 0);
        int to = relative(arg(a, 1), items.size(), items.size());
        return new JsArray(from < to ? items.subList(from, to) : List.of());
      });
      case "at" -> new Fn(key, (in, a) -> {
        long i = (long) Js.toNumber(arg(a, 0));
        if (i < 0) {
          i += items.size();
        }
        return i >= 0 && i < items.size() ? items.get((int) i) : Js.UNDEFINED;
      });
      default -> null;
    };
  }
}
