package io.ainj.vm.rule;

/** How a write rule evaluation ended; never an exception. */
public sealed interface RuleOutcome {
  /** The rule ran; {@code value} is the JavaScript truthiness of its result. */
  record Value(boolean value) implements RuleOutcome {}

  /** The rule does not compile (AIN 12105); {@code message} imitates V8's. */
  record SyntaxError(String message) implements RuleOutcome {}

  /** The rule threw or exceeded its budget (AIN 12102). */
  record RuntimeError(String message) implements RuleOutcome {}
}
