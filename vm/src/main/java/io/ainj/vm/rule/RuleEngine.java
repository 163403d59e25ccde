package io.ainj.vm.rule;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.path.StatePath;
import io.ainj.vm.rule.Builtins.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles and evaluates write rules. Compilation happens once per distinct rule text (a bounded
 * LRU cache, shared and thread-safe); evaluation is a metered walk of the cached AST. Every
 * failure is a {@link RuleOutcome}: syntax errors as AIN's 12105 case, exceptions and budget
 * overruns as its 12102 case.
 */
public final class RuleEngine {
  private final RuleLimits limits;
  private final Map<String, Compiled> cache;

  /** A compiled rule or the reason it does not compile. */
  public sealed interface Compiled {
    /** Parsed. */
    record Ok(Parser.Program program) implements Compiled {}

    /** Does not compile. */
    record Failed(String message) implements Compiled {}
  }

  public RuleEngine(RuleLimits limits) {
    this.limits = limits;
    int max = limits.cacheSize();
    this.cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
        return size() > max;
      }
    });
  }

  public RuleEngine() {
    this(RuleLimits.defaults());
  }

  public RuleLimits limits() {
    return limits;
  }

  /** A fresh meter for one top-level evaluation. */
  public Meter newMeter() {
    return new Meter(limits);
  }

  /** Compiles {@code rule} (cached by its text). */
  public Compiled compile(String rule) {
    Compiled c = cache.get(rule);
    if (c != null) {
      return c;
    }
    try {
      c = new Compiled.Ok(Parser.parse(rule));
    } catch (RuleSyntaxException e) {
      c = new Compiled.Failed(e.getMessage());
    } catch (StackOverflowError e) {
      // Unreachable with the parser's depth bound; kept so a deep input can never kill a thread.
      c = new Compiled.Failed("Maximum call stack size exceeded");
    }
    cache.put(rule, c);
    return c;
  }

  public int cachedRules() {
    return cache.size();
  }

  /** Evaluates a write rule string with a fresh meter. */
  public RuleOutcome evalWriteRule(String rule, WriteRuleInput input, RuleHost host) {
    return evalWriteRule(rule, input, host, newMeter());
  }

  /**
   * Evaluates a write rule string the way AIN's {@code new Function(...)} call does and takes
   * the truthiness of its result. {@code meter} is shared with enclosing evaluations when a rule
   * runs inside another rule's {@code evalRule}.
   */
  public RuleOutcome evalWriteRule(String rule, WriteRuleInput input, RuleHost host, Meter meter) {
    for (String name : input.pathVars().keySet()) {
      if (!isIdentifierName(name)) {
        // AIN passes path variables as parameter names; a label such as "$a-b" is not one, so
        // the Function constructor itself throws a SyntaxError.
        return new RuleOutcome.SyntaxError("Invalid parameter name: " + name);
      }
    }
    Compiled c = compile(rule);
    if (c instanceof Compiled.Failed f) {
      return new RuleOutcome.SyntaxError(f.message());
    }
    Parser.Program program = ((Compiled.Ok) c).program();
    try {
      Interpreter in = new Interpreter(bindings(input, host, meter), meter, host);
      Object v = in.eval(program.expr());
      return new RuleOutcome.Value(!program.returnsUndefined() && Js.truthy(v));
    } catch (JsThrow e) {
      return new RuleOutcome.RuntimeError(e.getMessage());
    } catch (StackOverflowError e) {
      return new RuleOutcome.RuntimeError("RangeError: Maximum call stack size exceeded");
    } catch (ArithmeticException | IndexOutOfBoundsException | ClassCastException
        | IllegalArgumentException e) {
      // A bug in a built-in must not escape block execution; it is a rule failure like any throw.
      return new RuleOutcome.RuntimeError("Error: " + e);
    }
  }

  static boolean isIdentifierName(String name) {
    if (name.isEmpty() || !Lexer.isIdStart(name.codePointAt(0))) {
      return false;
    }
    for (int i = Character.charCount(name.codePointAt(0)); i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (!Lexer.isIdPart(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return !Lexer.KEYWORDS.contains(name) && !name.equals("true") && !name.equals("false")
        && !name.equals("null");
  }

  /** {@code getValue(path)} etc. take AIN paths: a string parsed like any path, or nothing. */
  static List<String> pathArg(Object v) {
    if (!Js.truthy(v)) {
      return List.of();
    }
    if (v instanceof String s) {
      return StatePath.parse(s);
    }
    throw JsThrow.typeError("path.split is not a function");
  }

  private Map<String, Object> bindings(WriteRuleInput input, RuleHost host, Meter meter) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("auth", Js.fromJson(input.auth()));
    b.put("data", Js.fromJson(input.data()));
    b.put("newData", Js.fromJson(input.newData()));
    b.put("currentTime", input.currentTime());
    b.put("blockNumber", Js.fromJson(input.blockNumber()));
    b.put("blockTime", Js.fromJson(input.blockTime()));
    List<Object> labels = new ArrayList<>(input.parsedValuePath());
    b.put("parsedValuePath", new JsArray(labels));
    b.put("getValue", new Fn("getValue", (in, a) -> Js.fromJson(host.getValue(pathArg(Builtins.arg(a, 0))))));
    b.put("getRule", new Fn("getRule", (in, a) -> Js.fromJson(host.getRule(pathArg(Builtins.arg(a, 0))))));
    b.put("getFunction",
        new Fn("getFunction", (in, a) -> Js.fromJson(host.getFunction(pathArg(Builtins.arg(a, 0))))));
    b.put("getOwner", new Fn("getOwner", (in, a) -> Js.fromJson(host.getOwner(pathArg(Builtins.arg(a, 0))))));
    b.put("evalRule", new Fn("evalRule", (in, a) -> {
      Object ts = Builtins.arg(a, 3);
      double timestamp = ts instanceof Double d ? d : input.currentTime();
      Json value = Js.toJson(Builtins.arg(a, 1));
      Json auth = Js.toJson(Builtins.arg(a, 2));
      meter.enterNested();
      try {
        return Js.fromJson(host.evalRule(pathArg(Builtins.arg(a, 0)), value, auth, timestamp, meter));
      } finally {
        meter.exitNested();
      }
    }));
    b.put("evalOwner", new Fn("evalOwner", (in, a) -> {
      String perm = Js.toJsString(Builtins.arg(a, 1));
      Json auth = Js.toJson(Builtins.arg(a, 2));
      meter.enterNested();
      try {
        return Js.fromJson(host.evalOwner(pathArg(Builtins.arg(a, 0)), perm, auth, meter));
      } finally {
        meter.exitNested();
      }
    }));
    b.put("util", RuleUtil.UTIL);
    for (Map.Entry<String, String> e : input.pathVars().entrySet()) {
      b.put(e.getKey(), e.getValue());
    }
    return b;
  }
}
