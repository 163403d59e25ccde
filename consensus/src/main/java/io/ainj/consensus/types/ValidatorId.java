package io.ainj.consensus.types;

import java.util.Arrays;

/**
 * A validator's 20-byte account address (the keccak-derived secp256k1 address of its node key).
 * Ordered as unsigned bytes, which equals the order of the lower-case hex strings.
 */
public final class ValidatorId implements Comparable<ValidatorId> {
  public static final int LENGTH = 20;

  private final byte[] bytes;
  private final int hashCode;

  private ValidatorId(byte[] bytes) {
    this.bytes = bytes;
    this.hashCode = Arrays.hashCode(bytes);
  }

  public static ValidatorId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a validator address is 20 bytes");
    }
    return new ValidatorId(bytes.clone());
  }

  /** Parses {@code 0x} + 40 hex digits in any case (checksum or not). */
  public static ValidatorId fromHex(String address) {
    return new ValidatorId(HexSupport.unhex(address, LENGTH, "validator address"));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Lower-case {@code 0x}-hex; adapters apply EIP-55 when they talk to AIN-facing code. */
  public String toHex() {
    return HexSupport.hex(bytes);
  }

  @Override
  public int compareTo(ValidatorId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidatorId v && v.hashCode == hashCode && Arrays.equals(v.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public String toString() {
    return toHex().substring(0, 8);
  }
}
