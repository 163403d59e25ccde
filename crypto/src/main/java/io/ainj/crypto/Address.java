package io.ainj.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Account addresses: the last 20 bytes of keccak256(X||Y), written in EIP-55 checksum form. */
public final class Address {
  private Address() {}

  /** The checksum address of a 64-byte X||Y public key. */
  public static String fromPublicKey(byte[] publicKey) {
    if (publicKey == null || publicKey.length != 64) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_PUBLIC_KEY, "public key must be 64 bytes (X||Y)");
    }
    byte[] hash = Keccak256.hash(publicKey);
    return checksum(Hex.encode(Arrays.copyOfRange(hash, 12, 32)));
  }

  /** True for {@code 0x} followed by exactly 40 hex digits, in any case. */
  public static boolean isValid(String address) {
    if (address == null || address.length() != 42 || !address.startsWith("0x")) {
      return false;
    }
    for (int i = 2; i < 42; i++) {
      if (Hex.digit(address.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** True when the address is valid and already in its EIP-55 form (AIN's {@code isCksumAddr}). */
  public static boolean isChecksum(String address) {
    return isValid(address) && toChecksum(address).equals(address);
  }

  /**
   * EIP-55: upper-case each letter whose nibble in keccak256(lower-case hex) is 8 or more.
   *
   * @throws CryptoException INVALID_ADDRESS unless the input is a valid address
   */
  public static String toChecksum(String address) {
    if (!isValid(address)) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_ADDRESS, "not an address (0x + 40 hex digits)");
    }
    return checksum(address.substring(2).toLowerCase(Locale.ROOT));
  }

  /** Same account, whatever the letter case (AIN's {@code areSameAddresses}). */
  public static boolean same(String a, String b) {
    return isValid(a) && isValid(b) && a.equalsIgnoreCase(b);
  }

  private static String checksum(String lowerHex40) {
    byte[] hash = Keccak256.hash(lowerHex40.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(42).append("0x");
    for (int i = 0; i < 40; i++) {
      char c = lowerHex40.charAt(i);
      int nibble = (hash[i / 2] >> ((i & 1) == 0 ? 4 : 0)) & 0xf;
      out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }
}
