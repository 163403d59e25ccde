package io.ainj.consensus.types;

import java.util.Arrays;

/**
 * Opaque signature bytes produced by a {@link MessageSigner}. The core never interprets them; for
 * secp256k1 they are AIN's r || s || v (the leading 32-byte hash of AIN's 97-byte layout is left
 * out because the verifier recomputes the digest from the message anyway).
 */
public final class Signature {
  /** Generous bound so that decoding can refuse absurd lengths before allocating. */
  public static final int MAX_LENGTH = 256;

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Signature of(byte[] bytes) {
    if (bytes == null || bytes.length == 0 || bytes.length > MAX_LENGTH) {
      throw new IllegalArgumentException("a signature is 1.." + MAX_LENGTH + " bytes");
    }
    return new Signature(bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexSupport.hex(bytes).substring(0, Math.min(10, 2 + 2 * bytes.length)) + "...";
  }
}
