package io.ainj.crypto;

import io.ainj.crypto.CryptoException.Reason;

/** Lower-case hex encoding and strict decoding (an optional {@code 0x} prefix is accepted). */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  public static String encodePrefixed(byte[] bytes) {
    return "0x" + encode(bytes);
  }

  /** Decodes hex with an optional {@code 0x}/{@code 0X} prefix; odd length or non-hex is refused. */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new CryptoException(Reason.INVALID_HEX, "hex string is null");
    }
    int start = hasPrefix(hex) ? 2 : 0;
    int len = hex.length() - start;
    if ((len & 1) != 0) {
      throw new CryptoException(Reason.INVALID_HEX, "hex string has an odd number of digits");
    }
    byte[] out = new byte[len / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex.charAt(start + 2 * i));
      int lo = digit(hex.charAt(start + 2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new CryptoException(Reason.INVALID_HEX, "not a hex string");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  /** Decodes and requires exactly {@code length} bytes. */
  public static byte[] decode(String hex, int length, String what) {
    byte[] out = decode(hex);
    if (out.length != length) {
      throw new CryptoException(
          Reason.INVALID_LENGTH, what + " must be " + length + " bytes, got " + out.length);
    }
    return out;
  }

  /** True for strings matching {@code ^0x[0-9a-fA-F]*$}, the form AIN hex-decodes before hashing. */
  public static boolean isPrefixedHex(String s) {
    if (s.length() < 2 || s.charAt(0) != '0' || s.charAt(1) != 'x') {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      if (digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  static boolean hasPrefix(String s) {
    return s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
  }

  static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
