package io.ainj.vm.rule;

/**
 * Counts the work of one top-level rule evaluation. Every overrun throws {@link BudgetExceeded},
 * which the engine reports as a rule runtime failure (12102), so a hostile rule costs a bounded
 * amount of time and memory and never escapes as an exception.
 */
public final class Meter {
  private final RuleLimits limits;
  private long steps;
  private long chars;
  private int nested;

  public Meter(RuleLimits limits) {
    this.limits = limits;
  }

  public RuleLimits limits() {
    return limits;
  }

  public void step() {
    if (++steps > limits.maxSteps()) {
      throw new BudgetExceeded("steps");
    }
  }

  public void steps(long n) {
    steps += n;
    if (steps > limits.maxSteps() || n < 0) {
      throw new BudgetExceeded("steps");
    }
  }

  /** Charges for building a string of {@code length} units before it is built. */
  public void string(long length) {
    if (length > limits.maxStringLength()) {
      throw new BudgetExceeded("string length");
    }
    chars += length;
    if (chars > limits.maxTotalStringChars()) {
      throw new BudgetExceeded("string allocation");
    }
    steps(1 + length / 256);
  }

  public void enterNested() {
    if (++nested > limits.maxNestedEvals()) {
      nested--;
      throw new BudgetExceeded("nested rule evaluation");
    }
  }

  public void exitNested() {
    nested--;
  }

  public long stepsUsed() {
    return steps;
  }
}
