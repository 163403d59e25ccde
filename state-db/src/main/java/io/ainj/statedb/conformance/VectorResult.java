package io.ainj.statedb.conformance;

/** One vector's outcome; {@code reason} explains a FAIL or why it is UNSUPPORTED. */
public record VectorResult(String name, Status status, String reason) {

  /** PASS and FAIL are verdicts; UNSUPPORTED means no executor could run the op yet. */
  public enum Status {
    PASS,
    FAIL,
    UNSUPPORTED
  }

  static VectorResult pass(String name) {
    return new VectorResult(name, Status.PASS, null);
  }

  static VectorResult fail(String name, String why) {
    return new VectorResult(name, Status.FAIL, why);
  }

  static VectorResult unsupported(String name, String why) {
    return new VectorResult(name, Status.UNSUPPORTED, why);
  }

  /** The CLI line: {@code PASS name}, {@code FAIL name: why}, {@code SKIP name: why}. */
  public String line() {
    return switch (status) {
      case PASS -> "PASS " + name;
      case FAIL -> "FAIL " + name + ": " + reason;
      case UNSUPPORTED -> "SKIP " + name + ": " + reason;
    };
  }
}
