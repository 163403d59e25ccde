package io.ainj.consensus.types;

import java.util.Arrays;

/** A 32-byte digest (block hash or message digest). Immutable; ordered as unsigned bytes. */
public final class Hash implements Comparable<Hash> {
  public static final int LENGTH = 32;

  private final byte[] bytes;
  private final int hashCode;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
    this.hashCode = Arrays.hashCode(bytes);
  }

  /** Copies {@code bytes}, which must be exactly 32 long. */
  public static Hash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a hash is 32 bytes");
    }
    return new Hash(bytes.clone());
  }

  /** Parses 64 hex digits with or without {@code 0x}. */
  public static Hash fromHex(String hex) {
    return new Hash(HexSupport.unhex(hex, LENGTH, "hash"));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Byte {@code i} without copying. */
  public byte byteAt(int i) {
    return bytes[i];
  }

  public String toHex() {
    return HexSupport.hex(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && h.hashCode == hashCode && Arrays.equals(h.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return toHex().substring(0, 10);
  }
}
