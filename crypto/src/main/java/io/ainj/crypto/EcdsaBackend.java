package io.ainj.crypto;

/**
 * secp256k1 primitives behind one interface, so the native library and the Bouncy Castle
 * fallback are interchangeable and testable against each other. Keys and signatures are raw
 * big-endian bytes: private keys 32 bytes, public keys the 64-byte X||Y, r and s 32 bytes each.
 * Implementations are thread-safe.
 */
public interface EcdsaBackend {

  /** A short name for logs and flags: {@code native} or {@code bc}. */
  String name();

  /** The 64-byte X||Y public key of a valid private key. */
  byte[] publicKey(byte[] privateKey);

  /** RFC 6979 deterministic signature with low s, and the recovery id (0 or 1) of R. */
  RecoverableSignature sign(byte[] hash32, byte[] privateKey);

  /**
   * The 64-byte public key whose signature (r, s) over the hash has the given recovery id.
   *
   * @throws CryptoException if r or s is out of range or no point is recoverable
   */
  byte[] recover(byte[] hash32, byte[] r, byte[] s, int recoveryId);

  /** Whether (r, s) is a valid low-s signature of the hash by the 64-byte public key. */
  boolean verify(byte[] hash32, byte[] r, byte[] s, byte[] publicKey);
}
