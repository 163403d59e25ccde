package io.ainj.vm.rule;

/** A metering limit (steps, string size, call depth) was hit; evaluated as a runtime failure. */
public final class BudgetExceeded extends JsThrow {
  private static final long serialVersionUID = 1L;

  public BudgetExceeded(String what) {
    super("RangeError: rule evaluation budget exceeded: " + what);
  }
}
