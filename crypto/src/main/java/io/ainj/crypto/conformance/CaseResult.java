package io.ainj.crypto.conformance;

/** The outcome of one conformance case: passed, or failed with the first mismatch found. */
public record CaseResult(String name, boolean passed, String failure) {
  public static CaseResult pass(String name) {
    return new CaseResult(name, true, null);
  }

  public static CaseResult fail(String name, String why) {
    return new CaseResult(name, false, why);
  }

  /** {@code PASS name} or {@code FAIL name: why}, the line the CLI prints. */
  public String line() {
    return passed ? "PASS " + name : "FAIL " + name + ": " + failure;
  }
}
