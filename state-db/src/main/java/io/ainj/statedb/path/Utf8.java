package io.ainj.statedb.path;

import java.io.ByteArrayOutputStream;

/**
 * UTF-8 as Node's {@code Buffer.from(string)} produces it: a lone surrogate becomes U+FFFD
 * (EF BF BD). Java's encoder would write '?', which would change radix labels and hashes.
 */
public final class Utf8 {
  private Utf8() {}

  public static byte[] encodeJs(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int cp;
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        cp = 0xFFFD;
      } else {
        cp = c;
      }
      if (cp < 0x80) {
        out.write(cp);
      } else if (cp < 0x800) {
        out.write(0xC0 | (cp >> 6));
        out.write(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out.write(0xE0 | (cp >> 12));
        out.write(0x80 | ((cp >> 6) & 0x3F));
        out.write(0x80 | (cp & 0x3F));
      } else {
        out.write(0xF0 | (cp >> 18));
        out.write(0x80 | ((cp >> 12) & 0x3F));
        out.write(0x80 | ((cp >> 6) & 0x3F));
        out.write(0x80 | (cp & 0x3F));
      }
    }
    return out.toByteArray();
  }
}
