package io.ainj.p2p;

import io.ainj.crypto.AinCrypto;

/**
 * The key a node proves in the handshake. The private key stays inside; only signatures of
 * handshake digests leave.
 */
public final class NodeIdentity {
  private final AinCrypto crypto;
  private final byte[] privateKey;
  private final String address;

  public NodeIdentity(AinCrypto crypto, byte[] privateKey) {
    this.crypto = crypto;
    this.privateKey = privateKey.clone();
    this.address = crypto.address(this.privateKey);
  }

  public String address() {
    return address;
  }

  AinCrypto crypto() {
    return crypto;
  }

  byte[] sign(byte[] digest32, int chainId) {
    return crypto.sign(digest32, privateKey, chainId).toBytes();
  }
}
