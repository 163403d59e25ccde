package io.ainj.consensus.sim;

import io.ainj.consensus.crypto.AinMessageSigner;
import io.ainj.consensus.crypto.AinSignatureVerifier;
import io.ainj.consensus.types.MessageSigner;
import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.SignatureVerifier;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.Keccak256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validator identities and signatures for simulations. The fast scheme is a keyed 128-bit mix of
 * the digest: unforgeable inside the simulator (byzantine code only ever holds its own signer)
 * and about a thousand times cheaper than secp256k1, so seeds run in milliseconds. The real
 * scheme uses {@code ainj-crypto} with keys derived from the index.
 */
public final class SimKeys {
  private final List<MessageSigner> signers;
  private final SignatureVerifier verifier;

  private SimKeys(List<MessageSigner> signers, SignatureVerifier verifier) {
    this.signers = signers;
    this.verifier = verifier;
  }

  /** Cheap keyed-hash signatures for n validators. */
  public static SimKeys fast(int n) {
    List<MessageSigner> signers = new ArrayList<>(n);
    Map<ValidatorId, Long> secrets = new HashMap<>();
    for (int i = 0; i < n; i++) {
      byte[] h = Keccak256.hash(("ainj-sim-validator-" + i).getBytes(StandardCharsets.US_ASCII));
      byte[] addr = new byte[ValidatorId.LENGTH];
      System.arraycopy(h, 0, addr, 0, addr.length);
      ValidatorId id = ValidatorId.of(addr);
      long secret = readLong(h, 20) ^ 0x5DEECE66DL * (i + 1);
      secrets.put(id, secret);
      signers.add(new FastSigner(id, secret));
    }
    SignatureVerifier v = (digest, sig, signer) -> {
      Long secret = secrets.get(signer);
      return secret != null && sig.length() == 16
          && java.util.Arrays.equals(fastSign(secret, digest), sig.toBytes());
    };
    return new SimKeys(List.copyOf(signers), v);
  }

  /** Real secp256k1 signatures (Bouncy Castle or native, whichever ainj-crypto picks). */
  public static SimKeys real(int n, int chainId) {
    AinCrypto crypto = AinCrypto.defaultInstance();
    List<MessageSigner> signers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] priv = Keccak256.hash(("ainj-sim-key-" + i).getBytes(StandardCharsets.US_ASCII));
      signers.add(new AinMessageSigner(crypto, priv, chainId));
    }
    return new SimKeys(List.copyOf(signers), new AinSignatureVerifier(crypto, chainId));
  }

  public MessageSigner signer(int index) {
    return signers.get(index);
  }

  public ValidatorId id(int index) {
    return signers.get(index).id();
  }

  public int size() {
    return signers.size();
  }

  public SignatureVerifier verifier() {
    return verifier;
  }

  private record FastSigner(ValidatorId id, long secret) implements MessageSigner {
    @Override
    public Signature sign(byte[] digest32) {
      return Signature.of(fastSign(secret, digest32));
    }
  }

  private static byte[] fastSign(long secret, byte[] digest) {
    long a = mix(secret ^ readLong(digest, 0) ^ mix(readLong(digest, 16)));
    long b = mix(a ^ readLong(digest, 8) ^ mix(readLong(digest, 24) + secret));
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (a >>> (56 - 8 * i));
      out[8 + i] = (byte) (b >>> (56 - 8 * i));
    }
    return out;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8 && off + i < b.length; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }
}
