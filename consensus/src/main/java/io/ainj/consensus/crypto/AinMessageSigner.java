package io.ainj.consensus.crypto;

import io.ainj.consensus.types.MessageSigner;
import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinSignature;

/**
 * Signs consensus digests with a validator's secp256k1 key (RFC 6979 nonces, low s, AIN's v with
 * the chain id). The signature bytes are AIN's r || s || v; the 32-byte hash prefix of AIN's
 * 97-byte form is left out because every verifier recomputes the digest from the message.
 */
public final class AinMessageSigner implements MessageSigner {
  private final AinCrypto crypto;
  private final byte[] privateKey;
  private final int chainId;
  private final ValidatorId id;

  public AinMessageSigner(AinCrypto crypto, byte[] privateKey, int chainId) {
    this.crypto = crypto;
    this.privateKey = privateKey.clone();
    this.chainId = chainId;
    this.id = ValidatorId.fromHex(crypto.address(this.privateKey));
  }

  @Override
  public ValidatorId id() {
    return id;
  }

  @Override
  public Signature sign(byte[] digest32) {
    AinSignature sig = crypto.sign(digest32, privateKey, chainId);
    byte[] full = sig.toBytes();
    byte[] rsv = new byte[65];
    System.arraycopy(full, 32, rsv, 0, 65);
    return Signature.of(rsv);
  }
}
