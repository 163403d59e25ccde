package io.ainj.consensus.crypto;

import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.SignatureVerifier;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinSignature;
import io.ainj.crypto.CryptoException;

/**
 * Verifies r || s || v signatures of {@link AinMessageSigner} by recovering the signer's address
 * (AIN's verify: one recovery, low-s rule, address comparison). Thread-safe and stateless, so
 * {@code node} can share one instance across its verification pool.
 */
public final class AinSignatureVerifier implements SignatureVerifier {
  private final AinCrypto crypto;
  private final int chainId;

  public AinSignatureVerifier(AinCrypto crypto, int chainId) {
    this.crypto = crypto;
    this.chainId = chainId;
  }

  @Override
  public boolean verify(byte[] digest32, Signature signature, ValidatorId signer) {
    if (digest32.length != 32 || signature.length() != 65) {
      return false;
    }
    byte[] rsv = signature.toBytes();
    byte[] full = new byte[AinSignature.LENGTH];
    System.arraycopy(digest32, 0, full, 0, 32);
    System.arraycopy(rsv, 0, full, 32, 65);
    try {
      return crypto.verify(digest32, AinSignature.fromBytes(full), signer.toHex(), chainId);
    } catch (CryptoException | IllegalArgumentException | ArithmeticException e) {
      // A malformed or foreign-chain signature is simply not this validator's signature; the
      // port must answer, never throw into the consensus loop.
      return false;
    }
  }
}
