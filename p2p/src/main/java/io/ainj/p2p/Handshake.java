package io.ainj.p2p;

import io.ainj.crypto.AinSignature;
import io.ainj.crypto.Keccak256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The mutual handshake. Each side sends HELLO (version, chain id, genesis hash, its address and
 * a fresh random nonce); each answers the other's HELLO with AUTH, a signature over
 * {@code keccak256("ainj-p2p-auth/1" | chain id | genesis hash | the other's nonce | its own
 * nonce | its address)}. The other's nonce makes the proof fresh (a recorded AUTH is useless on
 * another connection), the chain id and genesis hash keep it to this network, and the signature
 * recovers to the claimed address or the session is refused.
 */
final class Handshake {
  private static final byte[] DOMAIN = "ainj-p2p-auth/1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {}

  static byte[] newNonce() {
    byte[] n = new byte[32];
    RANDOM.nextBytes(n);
    return n;
  }

  static byte[] digest(int chainId, byte[] genesisHash, byte[] challenge, byte[] ownNonce, String address) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(DOMAIN);
    b.writeBytes(new byte[] {(byte) (chainId >>> 24), (byte) (chainId >>> 16), (byte) (chainId >>> 8), (byte) chainId});
    b.writeBytes(genesisHash);
    b.writeBytes(challenge);
    b.writeBytes(ownNonce);
    b.writeBytes(address.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    return Keccak256.hash(b.toByteArray());
  }

  /** Why a peer's HELLO is refused, or null when it belongs to this network. */
  static String checkHello(Frame hello, P2pConfig config, String self) {
    if (hello.version() != Frame.PROTOCOL_VERSION) {
      return "protocol version " + hello.version();
    }
    if (hello.chainId() != config.chainId()) {
      return "chain id " + hello.chainId();
    }
    if (!Arrays.equals(hello.genesisHash(), config.genesisHash())) {
      return "another genesis";
    }
    if (hello.nonce().length != 32) {
      return "nonce of " + hello.nonce().length + " bytes";
    }
    if (hello.address().equalsIgnoreCase(self)) {
      return "a connection to itself";
    }
    if (!config.isAllowed(hello.address())) {
      return "not a validator or allow-listed observer";
    }
    return null;
  }

  /** Whether {@code signature} proves the key of {@code hello.address()} for our challenge. */
  static boolean verifyAuth(NodeIdentity self, P2pConfig config, Frame hello, byte[] ourNonce, byte[] signature) {
    if (signature.length != AinSignature.LENGTH) {
      return false;
    }
    byte[] digest = digest(config.chainId(), config.genesisHash(), ourNonce, hello.nonce(), hello.address());
    try {
      return self.crypto().verify(digest, AinSignature.fromBytes(signature), hello.address(), config.chainId());
    } catch (RuntimeException e) {
      return false; // malformed signature parts: simply not a proof
    }
  }
}
