package io.ainj.crypto;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;

/**
 * libsecp256k1 through the ACINQ JNI binding: about five times faster recovery than Bouncy
 * Castle, which matters because signature recovery is most of a transaction's CPU cost.
 */
public final class NativeEcdsaBackend implements EcdsaBackend {
  private final Secp256k1 lib;

  private NativeEcdsaBackend(Secp256k1 lib) {
    this.lib = lib;
  }

  /**
   * Loads the native library.
   *
   * @throws CryptoException BACKEND_UNAVAILABLE if it cannot load on this platform
   */
  public static NativeEcdsaBackend load() {
    try {
      Secp256k1 lib = Secp256k1.get();
      // Touch the library once so a missing native binary fails here, not on first use.
      lib.secKeyVerify(new byte[32]);
      return new NativeEcdsaBackend(lib);
    } catch (Throwable t) {
      throw new CryptoException(
          CryptoException.Reason.BACKEND_UNAVAILABLE,
          "native libsecp256k1 is unavailable: " + t.getMessage(),
          t);
    }
  }

  @Override
  public String name() {
    return "native";
  }

  @Override
  public byte[] publicKey(byte[] privateKey) {
    Secp256k1Params.requirePrivateKey(privateKey);
    byte[] sec1 = call(() -> lib.pubkeyCreate(privateKey), CryptoException.Reason.INVALID_PRIVATE_KEY);
    return Arrays.copyOfRange(sec1, 1, 65);
  }

  @Override
  public RecoverableSignature sign(byte[] hash32, byte[] privateKey) {
    Secp256k1Params.requireHash(hash32);
    Secp256k1Params.requirePrivateKey(privateKey);
    // No extra entropy: plain RFC 6979, so both backends produce the same bytes.
    byte[] compact = call(() -> lib.sign(hash32, privateKey, null), CryptoException.Reason.INVALID_PRIVATE_KEY);
    byte[] r = Arrays.copyOfRange(compact, 0, 32);
    byte[] s = Arrays.copyOfRange(compact, 32, 64);
    byte[] pub = publicKey(privateKey);
    // The binding has no recoverable-sign call; the recovery id is whichever id gives our key.
    for (int recId = 0; recId < 2; recId++) {
      final int id = recId;
      byte[] candidate;
      try {
        candidate = lib.ecdsaRecover(compact, hash32, id);
      } catch (RuntimeException e) {
        continue;
      }
      if (Arrays.equals(Arrays.copyOfRange(candidate, 1, 65), pub)) {
        return new RecoverableSignature(r, s, recId);
      }
    }
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
    byte[] compact = concat(r, s);
    byte[] sec1 =
        call(() -> lib.ecdsaRecover(compact, hash32, recoveryId), CryptoException.Reason.INVALID_SIGNATURE);
    return Arrays.copyOfRange(sec1, 1, 65);
  }

  @Override
  public boolean verify(byte[] hash32, byte[] r, byte[] s, byte[] publicKey) {
    Secp256k1Params.requireHash(hash32);
    Secp256k1Params.requireScalars(r, s);
    if (publicKey == null || publicKey.length != 64) {
      throw new CryptoException(
          CryptoException.Reason.INVALID_PUBLIC_KEY, "public key must be 64 bytes (X||Y)");
    }
    byte[] sec1 = new byte[65];
    sec1[0] = 0x04;
    System.arraycopy(publicKey, 0, sec1, 1, 64);
    call(() -> lib.pubkeyParse(sec1), CryptoException.Reason.INVALID_PUBLIC_KEY);
    // libsecp256k1's verify refuses high s, which is the rule AIN inherits.
    return call(() -> lib.verify(concat(r, s), hash32, sec1), CryptoException.Reason.INVALID_SIGNATURE);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private interface NativeCall<T> {
    T run();
  }

  private static <T> T call(NativeCall<T> call, CryptoException.Reason reason) {
    try {
      return call.run();
    } catch (CryptoException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CryptoException(reason, "libsecp256k1 refused the input: " + e.getMessage(), e);
    }
  }
}
