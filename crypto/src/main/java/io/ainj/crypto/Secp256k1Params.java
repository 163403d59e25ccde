package io.ainj.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** Curve constants and the range checks both backends share. */
final class Secp256k1Params {
  static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(
          CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());
  static final BigInteger N = CURVE_PARAMS.getN();
  static final BigInteger HALF_N = N.shiftRight(1);

  private Secp256k1Params() {}

  static BigInteger requirePrivateKey(byte[] privateKey) {
    if (privateKey == null || privateKey.length != 32) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_PRIVATE_KEY, "private key must be 32 bytes");
    }
    BigInteger d = new BigInteger(1, privateKey);
    if (d.signum() == 0 || d.compareTo(N) >= 0) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_PRIVATE_KEY, "private key is outside [1, n-1]");
    }
    return d;
  }

  static void requireHash(byte[] hash32) {
    if (hash32 == null || hash32.length != 32) {
      throw new CryptoException(CryptoException.Reason.INVALID_LENGTH, "hash must be 32 bytes");
    }
  }

  static void requireScalars(byte[] r, byte[] s) {
    if (r == null || s == null || r.length != 32 || s.length != 32) {
      throw new CryptoException(CryptoException.Reason.INVALID_LENGTH, "r and s must be 32 bytes");
    }
    BigInteger ri = new BigInteger(1, r);
    BigInteger si = new BigInteger(1, s);
    if (ri.signum() == 0 || ri.compareTo(N) >= 0 || si.signum() == 0 || si.compareTo(N) >= 0) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_SIGNATURE, "r or s is outside [1, n-1]");
    }
  }

  static boolean isHighS(byte[] s) {
    return new BigInteger(1, s).compareTo(HALF_N) > 0;
  }

  static byte[] to32(BigInteger v) {
    byte[] raw = v.toByteArray();
    if (raw.length == 32) {
      return raw;
    }
    byte[] out = new byte[32];
    if (raw.length > 32) {
      System.arraycopy(raw, raw.length - 32, out, 0, 32);
    } else {
      System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
    }
    return out;
  }
}
