package io.ainj.vm.rule;

import java.util.List;

/**
 * A callable built-in. Only the fixed table in {@link Builtins} and {@link RuleUtil} creates
 * these; a rule can never define or reach any other function.
 */
public interface JsFunction {
  /** The name JavaScript would print, e.g. {@code getValue}. */
  String name();

  /** Calls the function; throws {@link JsThrow} for a JavaScript exception. */
  Object call(Interpreter in, List<Object> args);
}
