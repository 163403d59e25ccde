package io.ainj.statedb;

import java.util.Locale;

/** The four children of the state root, in AIN's names. */
public enum StateRoot {
  VALUES("values"),
  RULES("rules"),
  OWNERS("owners"),
  FUNCTIONS("functions");

  private final String label;

  StateRoot(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static StateRoot fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  /** The root whose label is exactly {@code label}, or null. */
  public static StateRoot byLabel(String label) {
    return switch (label) {
      case "values" -> VALUES;
      case "rules" -> RULES;
      case "owners" -> OWNERS;
      case "functions" -> FUNCTIONS;
      default -> null;
    };
  }

  /** AIN's code for an invalid path of a write on this root (10102/10502/10602/10402). */
  public int invalidPathCode() {
    return switch (this) {
      case VALUES -> 10102;
      case RULES -> 10502;
      case OWNERS -> 10602;
      case FUNCTIONS -> 10402;
    };
  }

  /** AIN's code for an invalid object of a write on this root (10101/10501/10601/10401). */
  public int invalidObjectCode() {
    return switch (this) {
      case VALUES -> 10101;
      case RULES -> 10501;
      case OWNERS -> 10601;
      case FUNCTIONS -> 10401;
    };
  }

  /** The word AIN uses in messages: "Invalid value path", "Invalid rule path"... */
  public String noun() {
    return switch (this) {
      case VALUES -> "value";
      case RULES -> "rule";
      case OWNERS -> "owner";
      case FUNCTIONS -> "function";
    };
  }
}
