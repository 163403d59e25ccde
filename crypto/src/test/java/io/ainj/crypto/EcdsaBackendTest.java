package io.ainj.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EcdsaBackendTest {
  private static final EcdsaBackend NATIVE = EcdsaBackends.nativeLib();
  private static final EcdsaBackend BC = EcdsaBackends.bouncyCastle();

  static Stream<EcdsaBackend> backends() {
    return Stream.of(NATIVE, BC);
  }

  @Test
  void backendsAgreeOnRandomKeysAndMessages() {
    Random random = new Random(7);
    SecureRandom keyRandom = new SecureRandom(new byte[] {1});
    for (int i = 0; i < 200; i++) {
      byte[] priv = Keys.generatePrivateKey(keyRandom);
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      byte[] pub = NATIVE.publicKey(priv);
      assertArrayEquals(pub, BC.publicKey(priv));
      RecoverableSignature a = NATIVE.sign(hash, priv);
      RecoverableSignature b = BC.sign(hash, priv);
      assertArrayEquals(a.r(), b.r());
      assertArrayEquals(a.s(), b.s());
      assertEquals(a.recoveryId(), b.recoveryId());
      assertFalse(Secp256k1Params.isHighS(a.s()));
      assertArrayEquals(pub, NATIVE.recover(hash, a.r(), a.s(), a.recoveryId()));
      assertArrayEquals(pub, BC.recover(hash, a.r(), a.s(), a.recoveryId()));
      assertTrue(NATIVE.verify(hash, a.r(), a.s(), pub));
      assertTrue(BC.verify(hash, a.r(), a.s(), pub));
      // The other recovery id yields a different key (or none), never ours.
      for (EcdsaBackend backend : List.of(NATIVE, BC)) {
        try {
          assertFalse(java.util.Arrays.equals(pub, backend.recover(hash, a.r(), a.s(), 1 - a.recoveryId())));
        } catch (CryptoException expected) {
          assertEquals(CryptoException.Reason.INVALID_SIGNATURE, expected.reason());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void highSIsRejectedByVerify(EcdsaBackend backend) {
    byte[] priv = Keys.parsePrivateKey("0x" + "11".repeat(32));
    byte[] hash = Keccak256.hash(new byte[] {1, 2, 3});
    RecoverableSignature sig = backend.sign(hash, priv);
    byte[] highS = Secp256k1Params.to32(Secp256k1Params.N.subtract(new BigInteger(1, sig.s())));
    byte[] pub = backend.publicKey(priv);
    assertFalse(backend.verify(hash, sig.r(), highS, pub));
    // Recovery itself accepts high s with the flipped id, as libsecp256k1 does.
    assertArrayEquals(pub, backend.recover(hash, sig.r(), highS, 1 - sig.recoveryId()));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void badInputsGiveTypedErrors(EcdsaBackend backend) {
    byte[] hash = new byte[32];
    byte[] one = Secp256k1Params.to32(BigInteger.ONE);
    assertReason(CryptoException.Reason.INVALID_PRIVATE_KEY, () -> backend.publicKey(new byte[32]));
    assertReason(CryptoException.Reason.INVALID_PRIVATE_KEY,
        () -> backend.publicKey(Secp256k1Params.to32(Secp256k1Params.N)));
    assertReason(CryptoException.Reason.INVALID_PRIVATE_KEY, () -> backend.publicKey(new byte[31]));
    assertReason(CryptoException.Reason.INVALID_LENGTH, () -> backend.sign(new byte[31], one));
    assertReason(CryptoException.Reason.INVALID_SIGNATURE, () -> backend.recover(hash, new byte[32], one, 0));
    assertReason(CryptoException.Reason.INVALID_SIGNATURE,
        () -> backend.recover(hash, one, Secp256k1Params.to32(Secp256k1Params.N), 0));
    assertReason(CryptoException.Reason.INVALID_RECOVERY_ID, () -> backend.recover(hash, one, one, 2));
    // x = 5 is not on secp256k1 (5^3 + 7 = 132 is not a square mod p).
    byte[] five = Secp256k1Params.to32(BigInteger.valueOf(5));
    assertReason(CryptoException.Reason.INVALID_SIGNATURE, () -> backend.recover(hash, five, one, 0));
    byte[] offCurve = new byte[64];
    offCurve[31] = 1;
    offCurve[63] = 1;
    assertReason(CryptoException.Reason.INVALID_PUBLIC_KEY, () -> backend.verify(hash, one, one, offCurve));
    assertReason(CryptoException.Reason.INVALID_PUBLIC_KEY, () -> backend.verify(hash, one, one, new byte[63]));
  }

  private static void assertReason(CryptoException.Reason reason, org.junit.jupiter.api.function.Executable call) {
    assertEquals(reason, assertThrows(CryptoException.class, call).reason());
  }
}
