package io.ainj.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Pure-Java secp256k1 on Bouncy Castle: the fallback when the native library cannot load. */
public final class BouncyCastleEcdsaBackend implements EcdsaBackend {
  private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

  @Override
  public String name() {
    return "bc";
  }

  @Override
  public byte[] publicKey(byte[] privateKey) {
    BigInteger d = Secp256k1Params.requirePrivateKey(privateKey);
    return encode(BASE_MULTIPLIER.multiply(Secp256k1Params.DOMAIN.getG(), d));
  }

  @Override
  public RecoverableSignature sign(byte[] hash32, byte[] privateKey) {
    Secp256k1Params.requireHash(hash32);
    BigInteger d = Secp256k1Params.requirePrivateKey(privateKey);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(d, Secp256k1Params.DOMAIN));
    BigInteger[] rs = signer.generateSignature(hash32);
    BigInteger s = rs[1];
    // libsecp256k1 (and so AIN) only produces and accepts the low half of s.
    if (s.compareTo(Secp256k1Params.HALF_N) > 0) {
      s = Secp256k1Params.N.subtract(s);
    }
    byte[] r = Secp256k1Params.to32(rs[0]);
    byte[] sb = Secp256k1Params.to32(s);
    byte[] pub = encode(BASE_MULTIPLIER.multiply(Secp256k1Params.DOMAIN.getG(), d));
    for (int recId = 0; recId < 2; recId++) {
      byte[] candidate = recoverOrNull(hash32, r, sb, recId);
      if (candidate != null && Arrays.equals(candidate, pub)) {
        return new RecoverableSignature(r, sb, recId);
      }
    }
    // Only reachable when R.x >= n (recovery ids 2 and 3), which has probability ~2^-127.
    throw new CryptoException(CryptoException.Reason.INVALID_SIGNATURE, "no recovery id fits");
  }

  @Override
  public byte[] recover(byte[] hash32, byte[] r, byte[] s, int recoveryId) {
    Secp256k1Params.requireHash(hash32);
    Secp256k1Params.requireScalars(r, s);
    if (recoveryId != 0 && recoveryId != 1) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_RECOVERY_ID, "recovery id must be 0 or 1");
    }
    byte[] pub = recoverOrNull(hash32, r, s, recoveryId);
    if (pub == null) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_SIGNATURE, "no public key recovers from this signature");
    }
    return pub;
  }

  @Override
  public boolean verify(byte[] hash32, byte[] r, byte[] s, byte[] publicKey) {
    Secp256k1Params.requireHash(hash32);
    Secp256k1Params.requireScalars(r, s);
    if (Secp256k1Params.isHighS(s)) {
      return false;
    }
    ECPoint q = decodePublicKey(publicKey);
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, new ECPublicKeyParameters(q, Secp256k1Params.DOMAIN));
    return signer.verifySignature(hash32, new BigInteger(1, r), new BigInteger(1, s));
  }

  /** SEC 1 v2 section 4.1.6, for recovery ids 0 and 1 (R.x = r). */
  private static byte[] recoverOrNull(byte[] hash32, byte[] r, byte[] s, int recoveryId) {
    BigInteger ri = new BigInteger(1, r);
    BigInteger si = new BigInteger(1, s);
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (recoveryId == 0 ? 0x02 : 0x03);
    System.arraycopy(r, 0, compressed, 1, 32);
    ECPoint bigR;
    try {
      bigR = Secp256k1Params.DOMAIN.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      return null; // r is not the x coordinate of a curve point
    }
    BigInteger e = new BigInteger(1, hash32);
    BigInteger rInv = ri.modInverse(Secp256k1Params.N);
    BigInteger u1 = e.negate().multiply(rInv).mod(Secp256k1Params.N);
    BigInteger u2 = si.multiply(rInv).mod(Secp256k1Params.N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Secp256k1Params.DOMAIN.getG(), u1, bigR, u2);
    if (q.isInfinity()) {
      return null;
    }
    return encode(q);
  }

  static ECPoint decodePublicKey(byte[] publicKey) {
    if (publicKey == null || publicKey.length != 64) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_PUBLIC_KEY, "public key must be 64 bytes (X||Y)");
    }
    byte[] sec1 = new byte[65];
    sec1[0] = 0x04;
    System.arraycopy(publicKey, 0, sec1, 1, 64);
    try {
      ECPoint q = Secp256k1Params.DOMAIN.getCurve().decodePoint(sec1);
      if (!q.isValid()) {
        throw new IllegalArgumentException("invalid point");
      }
      return q;
    } catch (IllegalArgumentException e) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_PUBLIC_KEY, "public key is not a point on secp256k1", e);
    }
  }

  private static byte[] encode(ECPoint point) {
    byte[] sec1 = point.normalize().getEncoded(false);
    return Arrays.copyOfRange(sec1, 1, 65);
  }
}
