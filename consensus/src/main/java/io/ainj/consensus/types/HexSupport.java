package io.ainj.consensus.types;

/** Hex helpers shared by the value types; kept here so the types need no other module. */
final class HexSupport {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private HexSupport() {}

  static String hex(byte[] bytes) {
    char[] out = new char[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  static byte[] unhex(String text, int length, String what) {
    String s = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (s.length() != length * 2) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes of hex: " + text);
    }
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException(what + " is not hex: " + text);
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
