package io.ainj.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's Keccak-256 (original Keccak padding, not NIST SHA3-256). */
public final class Keccak256 {
  private Keccak256() {}

  public static byte[] hash(byte[] input) {
    return hash(input, 0, input.length);
  }

  public static byte[] hash(byte[] input, int offset, int length) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, offset, length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** keccak256(keccak256(input)): AIN's transaction and message hash shape. */
  public static byte[] doubleHash(byte[] input) {
    return hash(hash(input));
  }
}
