package io.ainj.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Private key generation. */
public final class Keys {
  private Keys() {}

  /** A uniformly random private key in [1, n-1]. */
  public static byte[] generatePrivateKey(SecureRandom random) {
    byte[] key = new byte[32];
    while (true) {
      random.nextBytes(key);
      BigInteger d = new BigInteger(1, key);
      if (d.signum() > 0 && d.compareTo(Secp256k1Params.N) < 0) {
        return key;
      }
    }
  }

  /** Parses a 32-byte private key from hex (optional 0x) and checks its range. */
  public static byte[] parsePrivateKey(String hex) {
    byte[] key;
    try {
      key = Hex.decode(hex.trim(), 32, "private key");
    } catch (CryptoException e) {
      throw new CryptoException(CryptoException.Reason.INVALID_PRIVATE_KEY, e.getMessage(), e);
    }
    Secp256k1Params.requirePrivateKey(key);
    return key;
  }
}
