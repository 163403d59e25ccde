package io.ainj.vm.rule;

/**
 * A JavaScript exception raised while evaluating a rule (TypeError, ReferenceError, a metering
 * overrun). AIN turns any of them into EVAL_RULE_INTERNAL_ERROR (12102); it never leaves the vm.
 * No stack trace: these are ordinary outcomes of hostile input, not bugs.
 */
public class JsThrow extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JsThrow(String message) {
    super(message, null, false, false);
  }

  public static JsThrow typeError(String message) {
    return new JsThrow("TypeError: " + message);
  }

  public static JsThrow referenceError(String message) {
    return new JsThrow("ReferenceError: " + message);
  }
}
