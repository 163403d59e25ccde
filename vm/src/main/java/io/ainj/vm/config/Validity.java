package io.ainj.vm.config;

/** AIN's {@code {isValid, invalidPath}} result; {@code invalidPath} is "" when valid. */
public record Validity(boolean isValid, String invalidPath) {
  public static final Validity VALID = new Validity(true, "");

  public static Validity invalid(String path) {
    return new Validity(false, path);
  }
}
