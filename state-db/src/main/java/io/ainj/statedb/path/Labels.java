package io.ainj.statedb.path;

/** Label rules of db/state-util.js ({@code isValidStateLabel}) and the radix label mapping. */
public final class Labels {
  /** {@code resource/state_label_length_limit} in every AIN config. */
  public static final int DEFAULT_LABEL_LENGTH_LIMIT = 150;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Labels() {}

  /** True for the characters AIN reserves: / . $ * # { } [ ] < > ' " ` space, C0 controls, DEL. */
  public static boolean isReservedChar(char c) {
    return switch (c) {
      case '/', '.', '$', '*', '#', '{', '}', '[', ']', '<', '>', '\'', '"', '`', ' ', 0x7f -> true;
      default -> c < 0x20;
    };
  }

  public static boolean hasReservedChar(String label) {
    for (int i = 0; i < label.length(); i++) {
      if (isReservedChar(label.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Exactly {@code *}, or {@code .} / {@code $} followed by one or more unreserved characters. */
  public static boolean hasAllowedPattern(String label) {
    if (label.equals("*")) {
      return true;
    }
    if (label.length() < 2) {
      return false;
    }
    char first = label.charAt(0);
    if (first != '.' && first != '$') {
      return false;
    }
    for (int i = 1; i < label.length(); i++) {
      if (isReservedChar(label.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** AIN {@code isValidStateLabel}: a non-empty string within the limit, reserved chars only in allowed patterns. */
  public static boolean isValidStateLabel(String label, int lengthLimit) {
    if (label == null || label.isEmpty() || label.length() > lengthLimit) {
      return false;
    }
    return !hasReservedChar(label) || hasAllowedPattern(label);
  }

  /** True for strings matching {@code ^0x[0-9A-Fa-f]*$}. */
  public static boolean isPrefixedHex(String s) {
    if (s.length() < 2 || s.charAt(0) != '0' || s.charAt(1) != 'x') {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The radix (trie) key of a state label: lower-case hex of its UTF-8 bytes, except that a label
   * that already looks like {@code 0x<hex>} maps to its digits lower-cased. This is AIN's
   * {@code CommonUtil.toHexString}; it makes {@code 0xAB}, {@code 0xab} and {@code \u00ab}'s
   * siblings collide exactly as the reference does.
   */
  public static String toRadixLabel(String label) {
    if (isPrefixedHex(label)) {
      char[] out = new char[label.length() - 2];
      for (int i = 2; i < label.length(); i++) {
        out[i - 2] = Character.toLowerCase(label.charAt(i));
      }
      return new String(out);
    }
    int n = label.length();
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      if (label.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      char[] out = new char[n * 2];
      for (int i = 0; i < n; i++) {
        char c = label.charAt(i);
        out[2 * i] = HEX[(c >> 4) & 0xf];
        out[2 * i + 1] = HEX[c & 0xf];
      }
      return new String(out);
    }
    byte[] bytes = Utf8.encodeJs(label);
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
