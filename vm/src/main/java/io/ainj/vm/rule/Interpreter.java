package io.ainj.vm.rule;

import io.ainj.vm.rule.Expr.ArrayLit;
import io.ainj.vm.rule.Expr.Assign;
import io.ainj.vm.rule.Expr.Binary;
import io.ainj.vm.rule.Expr.Call;
import io.ainj.vm.rule.Expr.Conditional;
import io.ainj.vm.rule.Expr.Ident;
import io.ainj.vm.rule.Expr.Literal;
import io.ainj.vm.rule.Expr.Logical;
import io.ainj.vm.rule.Expr.Member;
import io.ainj.vm.rule.Expr.ObjectLit;
import io.ainj.vm.rule.Expr.OptionalChain;
import io.ainj.vm.rule.Expr.Prop;
import io.ainj.vm.rule.Expr.Sequence;
import io.ainj.vm.rule.Expr.Template;
import io.ainj.vm.rule.Expr.This;
import io.ainj.vm.rule.Expr.Unary;
import io.ainj.vm.rule.Expr.Unsupported;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a compiled rule with JavaScript semantics. Names resolve to the bindings AIN passes
 * (parameters and path variables) or to the fixed globals of {@link Builtins}; property access
 * resolves to own data or to the fixed method tables of {@link Builtins}. There is no other
 * lookup, so no Java object, class, prototype or constructor is reachable from rule text.
 *
 * <p>One interpreter serves one evaluation and is not thread-safe; the AST it walks is shared.
 */
public final class Interpreter {
  private final Map<String, Object> bindings;
  private final Meter meter;
  private final RuleHost host;

  /** Thrown inside an optional chain when {@code ?.} meets null or undefined. */
  private static final class ShortCircuit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final ShortCircuit INSTANCE = new ShortCircuit();

    private ShortCircuit() {
      super(null, null, false, false);
    }
  }

  public Interpreter(Map<String, Object> bindings, Meter meter, RuleHost host) {
    this.bindings = new LinkedHashMap<>(bindings);
    this.meter = meter;
    this.host = host;
  }

  public Meter meter() {
    return meter;
  }

  public RuleHost host() {
    return host;
  }

  public Object eval(Expr e) {
    meter.step();
    if (e instanceof Literal l) {
      return l.value();
    } else if (e instanceof Ident id) {
      return lookup(id.name());
    } else if (e instanceof Member m) {
      Object obj = eval(m.object());
      if (m.optional() && Js.isNullish(obj)) {
        throw ShortCircuit.INSTANCE;
      }
      return getMember(obj, propertyKey(m.property()));
    } else if (e instanceof Call c) {
      return call(c);
    } else if (e instanceof Binary b) {
      return binary(b);
    } else if (e instanceof Logical l) {
      Object left = eval(l.left());
      return switch (l.op()) {
        case "&&" -> Js.truthy(left) ? eval(l.right()) : left;
        case "||" -> Js.truthy(left) ? left : eval(l.right());
        default -> Js.isNullish(left) ? eval(l.right()) : left;
      };
    } else if (e instanceof Unary u) {
      return unary(u);
    } else if (e instanceof Conditional c) {
      return Js.truthy(eval(c.test())) ? eval(c.then()) : eval(c.otherwise());
    } else if (e instanceof OptionalChain oc) {
      try {
        return eval(oc.expr());
      } catch (ShortCircuit sc) {
        return Js.UNDEFINED;
      }
    } else if (e instanceof Template t) {
      StringBuilder sb = new StringBuilder(t.cooked().get(0));
      for (int i = 0; i < t.exprs().size(); i++) {
        String part = Js.toJsString(eval(t.exprs().get(i)));
        String next = t.cooked().get(i + 1);
        meter.string((long) sb.length() + part.length() + next.length());
        sb.append(part).append(next);
      }
      return sb.toString();
    } else if (e instanceof Sequence s) {
      Object last = Js.UNDEFINED;
      for (Expr x : s.exprs()) {
        last = eval(x);
      }
      return last;
    } else if (e instanceof ArrayLit a) {
      List<Object> items = new ArrayList<>(a.items().size());
      for (Expr x : a.items()) {
        items.add(x == null ? Js.UNDEFINED : eval(x));
      }
      return new JsArray(items);
    } else if (e instanceof ObjectLit o) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Prop p : o.props()) {
        String key = Js.toJsString(p.key() instanceof Literal l ? l.value() : toPropertyKey(eval(p.key())));
        // A repeated key keeps its first position and takes the last value, as in JavaScript.
        map.put(key, eval(p.value()));
      }
      return new MapObject(map);
    } else if (e instanceof Assign a) {
      return assign(a);
    } else if (e instanceof This) {
      return Js.UNDEFINED;
    } else if (e instanceof Unsupported u) {
      throw JsThrow.typeError(u.what() + " is not supported in rules");
    }
    throw new IllegalStateException("unknown node " + e);
  }

  private Object lookup(String name) {
    Object v = bindings.get(name);
    if (v != null) {
      return v;
    }
    v = Builtins.global(name);
    if (v != null) {
      return v;
    }
    throw JsThrow.referenceError(name + " is not defined");
  }

  private Object assign(Assign a) {
    String name = a.name();
    if (!bindings.containsKey(name)) {
      if (Builtins.global(name) != null) {
        throw JsThrow.typeError("Cannot assign to read only global '" + name + "'");
      }
      throw JsThrow.referenceError(name + " is not defined");
    }
    Object old = bindings.get(name);
    Object result;
    switch (a.op()) {
      case "++", "--" -> {
        double n = Js.toNumber(old);
        double nv = a.op().equals("++") ? n + 1 : n - 1;
        bindings.put(name, nv);
        return a.postfix() ? (Object) n : (Object) nv;
      }
      case "=" -> result = eval(a.value());
      case "&&=" -> {
        if (!Js.truthy(old)) {
          return old;
        }
        result = eval(a.value());
      }
      case "||=" -> {
        if (Js.truthy(old)) {
          return old;
        }
        result = eval(a.value());
      }
      case "??=" -> {
        if (!Js.isNullish(old)) {
          return old;
        }
        result = eval(a.value());
      }
      default -> {
        String op = a.op().substring(0, a.op().length() - 1);
        result = arithmetic(op, old, eval(a.value()));
      }
    }
    bindings.put(name, result);
    return result;
  }

  private Object propertyKey(Expr property) {
    if (property instanceof Literal l && l.value() instanceof String s) {
      return s;
    }
    return toPropertyKey(eval(property));
  }

  private static Object toPropertyKey(Object v) {
    return Js.toJsString(v);
  }

  /** {@code obj[key]} with JavaScript semantics over the rule value model. */
  public Object getMember(Object obj, Object keyObj) {
    String key = (String) keyObj;
    if (Js.isNullish(obj)) {
      throw JsThrow.typeError("Cannot read properties of " + obj + " (reading '" + key + "')");
    }
    Object v = Builtins.member(this, obj, key);
    return v == null ? Js.UNDEFINED : v;
  }

  private Object call(Call c) {
    Object fn;
    if (c.callee() instanceof Member m) {
      Object obj = eval(m.object());
      if (m.optional() && Js.isNullish(obj)) {
        throw ShortCircuit.INSTANCE;
      }
      fn = getMember(obj, propertyKey(m.property()));
    } else {
      fn = eval(c.callee());
    }
    if (c.optional() && Js.isNullish(fn)) {
      throw ShortCircuit.INSTANCE;
    }
    if (!(fn instanceof JsFunction f)) {
      throw JsThrow.typeError(describe(c.callee()) + " is not a function");
    }
    List<Object> args = new ArrayList<>(c.args().size());
    for (Expr a : c.args()) {
      args.add(eval(a));
    }
    meter.steps(1 + args.size());
    return f.call(this, args);
  }

  private static String describe(Expr callee) {
    if (callee instanceof Ident id) {
      return id.name();
    } else if (callee instanceof Member m && m.property() instanceof Literal l) {
      return describe(m.object()) + "." + l.value();
    }
    return "expression";
  }

  private Object unary(Unary u) {
    if (u.op().equals("typeof") && u.operand() instanceof Ident id) {
      // typeof of an undeclared name is "undefined", not a ReferenceError.
      Object v = bindings.get(id.name());
      if (v == null) {
        v = Builtins.global(id.name());
      }
      return v == null ? "undefined" : Js.typeOf(v);
    }
    Object v = eval(u.operand());
    return switch (u.op()) {
      case "!" -> !Js.truthy(v);
      case "-" -> -Js.toNumber(v);
      case "+" -> Js.toNumber(v);
      case "~" -> (double) ~Js.toInt32(v);
      case "typeof" -> Js.typeOf(v);
      case "void" -> Js.UNDEFINED;
      default -> throw new IllegalStateException(u.op());
    };
  }

  private Object binary(Binary b) {
    Object l = eval(b.left());
    Object r = eval(b.right());
    return switch (b.op()) {
      case "===" -> Js.strictEquals(l, r);
      case "!==" -> !Js.strictEquals(l, r);
      case "==" -> Js.looseEquals(l, r);
      case "!=" -> !Js.looseEquals(l, r);
      case "<" -> Boolean.TRUE.equals(Js.lessThan(l, r));
      case ">" -> Boolean.TRUE.equals(Js.lessThan(r, l));
      case "<=" -> Boolean.FALSE.equals(Js.lessThan(r, l));
      case ">=" -> Boolean.FALSE.equals(Js.lessThan(l, r));
      case "in" -> in(l, r);
      case "instanceof" -> {
        if (!(r instanceof JsFunction)) {
          throw JsThrow.typeError("Right-hand side of 'instanceof' is not callable");
        }
        // Rule values are primitives or plain objects: never instances of a built-in.
        yield false;
      }
      default -> arithmetic(b.op(), l, r);
    };
  }

  private Object in(Object key, Object obj) {
    if (!Js.isObjectLike(obj)) {
      throw JsThrow.typeError("Cannot use 'in' operator to search for '" + Js.toJsString(key)
          + "' in " + Js.toJsString(obj));
    }
    return Builtins.member(this, obj, Js.toJsString(key)) != null;
  }

  Object arithmetic(String op, Object l, Object r) {
    switch (op) {
      case "+" -> {
        Object pl = Js.toPrimitive(l);
        Object pr = Js.toPrimitive(r);
        if (pl instanceof String || pr instanceof String) {
          String a = Js.toJsString(pl);
          String c = Js.toJsString(pr);
          meter.string((long) a.length() + c.length());
          return a.concat(c);
        }
        return Js.toNumber(pl) + Js.toNumber(pr);
      }
      case "-" -> {
        return Js.toNumber(l) - Js.toNumber(r);
      }
      case "*" -> {
        return Js.toNumber(l) * Js.toNumber(r);
      }
      case "/" -> {
        return Js.toNumber(l) / Js.toNumber(r);
      }
      case "%" -> {
        return Js.toNumber(l) % Js.toNumber(r);
      }
      case "**" -> {
        return Math.pow(Js.toNumber(l), Js.toNumber(r));
      }
      case "&" -> {
        return (double) (Js.toInt32(l) & Js.toInt32(r));
      }
      case "|" -> {
        return (double) (Js.toInt32(l) | Js.toInt32(r));
      }
      case "^" -> {
        return (double) (Js.toInt32(l) ^ Js.toInt32(r));
      }
      case "<<" -> {
        return (double) (Js.toInt32(l) << (Js.toInt32(r) & 31));
      }
      case ">>" -> {
        return (double) (Js.toInt32(l) >> (Js.toInt32(r) & 31));
      }
      case ">>>" -> {
        return (double) ((Js.toInt32(l) & 0xffffffffL) >>> (Js.toInt32(r) & 31));
      }
      default -> throw new IllegalStateException(op);
    }
  }

  /** An object built by an object literal or a built-in (insertion-ordered, JS key order). */
  public static final class MapObject implements JsObject {
    private final Map<String, Object> map;
    private final List<String> keys;

    public MapObject(Map<String, Object> map) {
      this.map = map;
      List<String> index = new ArrayList<>();
      List<String> named = new ArrayList<>();
      for (String k : map.keySet()) {
        if (isArrayIndex(k)) {
          index.add(k);
        } else {
          named.add(k);
        }
      }
      index.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
      index.addAll(named);
      this.keys = List.copyOf(index);
    }

    private static boolean isArrayIndex(String k) {
      if (k.isEmpty() || k.length() > 10 || (k.length() > 1 && k.charAt(0) == '0')) {
        return false;
      }
      for (int i = 0; i < k.length(); i++) {
        if (k.charAt(i) < '0' || k.charAt(i) > '9') {
          return false;
        }
      }
      return Long.parseLong(k) <= 4294967294L;
    }

    @Override
    public Object get(String key) {
      return map.get(key);
    }

    @Override
    public List<String> keys() {
      return keys;
    }
  }
}
