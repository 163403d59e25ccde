package io.ainj.statedb.path;

/**
 * AIN's validation result shape {@code {isValid, invalidPath}}: {@code invalidPath} is "" when
 * valid, else the formatted path up to and including the first offending label.
 */
public record PathCheck(boolean isValid, String invalidPath) {
  public static final PathCheck VALID = new PathCheck(true, "");

  public static PathCheck invalid(String path) {
    return new PathCheck(false, path);
  }
}
