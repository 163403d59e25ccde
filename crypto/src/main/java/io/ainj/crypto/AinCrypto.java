package io.ainj.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * AIN signing and verification on top of an {@link EcdsaBackend}: what ain-util's
 * {@code ecSignTransaction}, {@code ecSignMessage} and {@code ecVerifySig} do.
 */
public final class AinCrypto {
  private static volatile AinCrypto defaultInstance;
  private final EcdsaBackend backend;

  public AinCrypto(EcdsaBackend backend) {
    this.backend = backend;
  }

  /** The native backend when it loads, Bouncy Castle otherwise. */
  public static AinCrypto defaultInstance() {
    AinCrypto c = defaultInstance;
    if (c == null) {
      c = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
      defaultInstance = c;
    }
    return c;
  }

  public EcdsaBackend backend() {
    return backend;
  }

  public byte[] publicKey(byte[] privateKey) {
    return backend.publicKey(privateKey);
  }

  public String address(byte[] privateKey) {
    return Address.fromPublicKey(backend.publicKey(privateKey));
  }

  /** Signs a 32-byte digest into the 97-byte layout. */
  public AinSignature sign(byte[] hash32, byte[] privateKey, int chainId) {
    AinSignature.requireChainId(chainId);
    return AinSignature.of(hash32.clone(), backend.sign(hash32, privateKey), chainId);
  }

  public AinSignature signTransaction(JsonNode txBody, byte[] privateKey, int chainId) {
    return sign(AinHash.txHash(txBody), privateKey, chainId);
  }

  public AinSignature signMessage(String message, byte[] privateKey, int chainId) {
    return sign(AinHash.hashMessage(message), privateKey, chainId);
  }

  /**
   * The 64-byte public key that made the signature, for the signature's own hash.
   *
   * @throws CryptoException when v does not fit the chain id or nothing recovers
   */
  public byte[] recoverPublicKey(AinSignature sig, int chainId) {
    return backend.recover(sig.hash(), sig.r(), sig.s(), sig.recoveryId(chainId));
  }

  public String recoverAddress(AinSignature sig, int chainId) {
    return Address.fromPublicKey(recoverPublicKey(sig, chainId));
  }

  /**
   * Whether the signature is {@code address}'s low-s signature of {@code expectedHash}.
   *
   * <p>One recovery does the work of ain-util's recover-then-verify: the recovered key verifies
   * the signature by construction, so only the low-s rule, the hash and the address remain to be
   * checked. Recovery is the dominant cost of admitting a transaction, so it runs once.
   *
   * @throws CryptoException INVALID_RECOVERY_ID when v does not belong to the chain (ain-util
   *     throws there too); malformed parts also throw
   */
  public boolean verify(byte[] expectedHash, AinSignature sig, String address, int chainId) {
    String signer = recoverSigner(expectedHash, sig, chainId);
    return signer != null && Address.same(signer, address);
  }

  /**
   * The checksum address that made {@code sig} over {@code expectedHash}, or null when the
   * signature covers another hash or has a high s. This is the whole signature check, done
   * with one recovery, for callers that learn the signer from the signature (transactions).
   *
   * @throws CryptoException INVALID_RECOVERY_ID when v does not belong to the chain; malformed
   *     parts also throw
   */
  public String recoverSigner(byte[] expectedHash, AinSignature sig, int chainId) {
    int recoveryId = sig.recoveryId(chainId);
    if (!Arrays.equals(expectedHash, sig.hash()) || Secp256k1Params.isHighS(sig.s())) {
      return null;
    }
    return Address.fromPublicKey(backend.recover(sig.hash(), sig.r(), sig.s(), recoveryId));
  }

  public boolean verifyTransaction(JsonNode txBody, AinSignature sig, String address, int chainId) {
    return verify(AinHash.txHash(txBody), sig, address, chainId);
  }

  public boolean verifyMessage(String message, AinSignature sig, String address, int chainId) {
    return verify(AinHash.hashMessage(message), sig, address, chainId);
  }
}
