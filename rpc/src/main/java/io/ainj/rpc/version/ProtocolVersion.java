package io.ainj.rpc.version;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.JsNumber;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code major.minor.patch} version as npm {@code semver.coerce} produces it (pre-release and
 * build parts are dropped, which is why {@code "1.0.0-beta"} counts as 1.0.0 at AIN's gate).
 */
public record ProtocolVersion(long major, long minor, long patch)
    implements Comparable<ProtocolVersion> {

  /** semver rejects components above JavaScript's Number.MAX_SAFE_INTEGER. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  /**
   * semver's COERCE regex: the first run of at most 16 digits that is not part of a longer
   * digit run, optionally followed by {@code .minor} and {@code .patch}.
   */
  private static final Pattern COERCE =
      Pattern.compile("(^|[^\\d])(\\d{1,16})(?:\\.(\\d{1,16}))?(?:\\.(\\d{1,16}))?(?:$|[^\\d])");

  public ProtocolVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("negative version component");
    }
  }

  /**
   * Parses a strict {@code x.y.z} for configuration values.
   *
   * @throws IllegalArgumentException if {@code text} is not exactly a coercible version
   */
  public static ProtocolVersion parse(String text) {
    return coerce(text)
        .filter(v -> v.toString().equals(text))
        .orElseThrow(() -> new IllegalArgumentException("not a x.y.z version: " + text));
  }

  /**
   * npm {@code semver.coerce(value)} for a JSON value: a string is searched, a number is first
   * turned into its JavaScript string form, anything else (null, boolean, object, array) is
   * not coercible.
   */
  public static Optional<ProtocolVersion> coerce(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      return coerce(value.textValue());
    }
    if (value.isNumber()) {
      return coerce(JsNumber.toString(value.doubleValue()));
    }
    return Optional.empty();
  }

  /** npm {@code semver.coerce(text)}; empty where semver returns null. */
  public static Optional<ProtocolVersion> coerce(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = COERCE.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    // coerce re-parses "major.minor.patch" strictly, so a leading zero ("01") or a component
    // beyond MAX_SAFE_INTEGER makes the whole result null in semver; mirror that.
    Long major = component(m.group(2));
    Long minor = component(m.group(3) == null ? "0" : m.group(3));
    Long patch = component(m.group(4) == null ? "0" : m.group(4));
    if (major == null || minor == null || patch == null) {
      return Optional.empty();
    }
    return Optional.of(new ProtocolVersion(major, minor, patch));
  }

  private static Long component(String digits) {
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      return null;
    }
    long v = Long.parseLong(digits); // at most 16 digits: fits a long
    return v > MAX_SAFE_INTEGER ? null : v;
  }

  @Override
  public int compareTo(ProtocolVersion o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    return c;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
