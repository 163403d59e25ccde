package io.ainj.crypto;

/** Ethereum's Keccak-256 (original Keccak padding, not NIST SHA3-256). */
public final class Keccak256 {
  private Keccak256() {}

  public static byte[] hash(byte[] input) {
    return FastKeccak.hash(input, 0, input.length);
  }

  public static byte[] hash(byte[] input, int offset, int length) {
    return FastKeccak.hash(input, offset, length);
  }

  /** keccak256(keccak256(input)): AIN's transaction and message hash shape. */
  public static byte[] doubleHash(byte[] input) {
    return FastKeccak.doubleHash(input, 0, input.length);
  }

  /** keccak256(keccak256(input[offset, offset + length))), without copying the range. */
  public static byte[] doubleHash(byte[] input, int offset, int length) {
    return FastKeccak.doubleHash(input, offset, length);
  }
}
