package io.ainj.crypto;

import java.util.Arrays;

/**
 * AIN's 97-byte signature: {@code hash(32) || r(32) || s(32) || v(1)}, carried as {@code 0x}
 * hex. v binds the chain id: {@code 27 + recid} on chain 0, {@code 35 + 2*chainId + recid}
 * otherwise (EIP-155 style), so a signature made for one chain cannot be replayed on another.
 */
public record AinSignature(byte[] hash, byte[] r, byte[] s, int v) {
  public static final int LENGTH = 97;
  /** The largest chain id whose v values still fit in the one byte of the layout. */
  public static final int MAX_CHAIN_ID = 109;

  public AinSignature {
    if (hash.length != 32 || r.length != 32 || s.length != 32) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_LENGTH, "hash, r and s must be 32 bytes each");
    }
    if (v < 0 || v > 255) {
      throw new CryptoException(CryptoException.Reason.INVALID_SIGNATURE, "v must fit in a byte");
    }
  }

  public static AinSignature of(byte[] hash, RecoverableSignature sig, int chainId) {
    return new AinSignature(hash, sig.r(), sig.s(), v(sig.recoveryId(), chainId));
  }

  /** The v byte for a recovery id on a chain. */
  public static int v(int recoveryId, int chainId) {
    requireChainId(chainId);
    return chainId == 0 ? 27 + recoveryId : 35 + 2 * chainId + recoveryId;
  }

  /**
   * The recovery id this signature's v means on a chain.
   *
   * @throws CryptoException INVALID_RECOVERY_ID when v does not belong to the chain (AIN's
   *     "Invalid signature v value")
   */
  public int recoveryId(int chainId) {
    requireChainId(chainId);
    int id = chainId == 0 ? v - 27 : v - (35 + 2 * chainId);
    if (id != 0 && id != 1) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_RECOVERY_ID,
          "invalid signature v value " + v + " for chain id " + chainId);
    }
    return id;
  }

  /** Parses the {@code 0x}-hex form; anything but 97 bytes is refused. */
  public static AinSignature decode(String hex) {
    return fromBytes(Hex.decode(hex));
  }

  public static AinSignature fromBytes(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_LENGTH,
          "signature must be " + LENGTH + " bytes, got " + raw.length);
    }
    return new AinSignature(
        Arrays.copyOfRange(raw, 0, 32),
        Arrays.copyOfRange(raw, 32, 64),
        Arrays.copyOfRange(raw, 64, 96),
        raw[96] & 0xff);
  }

  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    System.arraycopy(hash, 0, out, 0, 32);
    System.arraycopy(r, 0, out, 32, 32);
    System.arraycopy(s, 0, out, 64, 32);
    out[96] = (byte) v;
    return out;
  }

  public String encode() {
    return Hex.encodePrefixed(toBytes());
  }

  /** {@code 0x} + hex of the hash part: the transaction hash clients see. */
  public String hashHex() {
    return Hex.encodePrefixed(hash);
  }

  static void requireChainId(int chainId) {
    if (chainId < 0 || chainId > MAX_CHAIN_ID) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_CHAIN_ID,
          "chain id must be in [0, " + MAX_CHAIN_ID + "], got " + chainId);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AinSignature other && Arrays.equals(toBytes(), other.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return encode();
  }
}
