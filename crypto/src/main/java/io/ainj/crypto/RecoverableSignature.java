package io.ainj.crypto;

/** A secp256k1 signature: 32-byte big-endian r and s and the recovery id (0 or 1). */
public record RecoverableSignature(byte[] r, byte[] s, int recoveryId) {
  public RecoverableSignature {
    if (r.length != 32 || s.length != 32) {
      throw new CryptoException(CryptoException.Reason.INVALID_LENGTH, "r and s must be 32 bytes");
    }
    if (recoveryId != 0 && recoveryId != 1) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_RECOVERY_ID, "recovery id must be 0 or 1");
    }
  }
}
