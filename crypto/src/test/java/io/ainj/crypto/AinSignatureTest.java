package io.ainj.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AinSignatureTest {
  private final AinCrypto crypto = new AinCrypto(EcdsaBackends.bouncyCastle());
  private final byte[] priv = Keys.parsePrivateKey("0x" + "22".repeat(32));

  @Test
  void vEncodesTheChainId() {
    assertEquals(27, AinSignature.v(0, 0));
    assertEquals(28, AinSignature.v(1, 0));
    assertEquals(37, AinSignature.v(0, 1));
    assertEquals(40, AinSignature.v(1, 2));
    assertEquals(254, AinSignature.v(1, 109));
    assertEquals(CryptoException.Reason.INVALID_CHAIN_ID,
        assertThrows(CryptoException.class, () -> AinSignature.v(0, 110)).reason());
    assertThrows(CryptoException.class, () -> AinSignature.v(0, -1));
  }

  @Test
  void aSignatureBindsItsChain() {
    byte[] hash = Keccak256.hash(new byte[] {9});
    String address = crypto.address(priv);
    for (int chain : new int[] {0, 1, 2, 109}) {
      AinSignature sig = crypto.sign(hash, priv, chain);
      assertTrue(crypto.verify(hash, sig, address, chain));
      assertTrue(crypto.verify(hash, sig, address.toLowerCase(), chain));
      int other = chain == 0 ? 1 : 0;
      assertEquals(CryptoException.Reason.INVALID_RECOVERY_ID,
          assertThrows(CryptoException.class, () -> crypto.verify(hash, sig, address, other)).reason());
    }
  }

  @Test
  void verifyRefusesAWrongHashOrSigner() {
    byte[] hash = Keccak256.hash(new byte[] {9});
    AinSignature sig = crypto.sign(hash, priv, 0);
    assertFalse(crypto.verify(Keccak256.hash(new byte[] {8}), sig, crypto.address(priv), 0));
    assertFalse(crypto.verify(hash, sig, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", 0));
    assertFalse(crypto.verify(hash, sig, "not an address", 0));
  }

  @Test
  void decodingIsStrict() {
    AinSignature sig = crypto.sign(Keccak256.hash(new byte[] {9}), priv, 0);
    assertEquals(sig, AinSignature.decode(sig.encode()));
    assertEquals(sig, AinSignature.decode(sig.encode().substring(2)));
    assertEquals(CryptoException.Reason.INVALID_LENGTH,
        assertThrows(CryptoException.class, () -> AinSignature.decode(sig.encode() + "00")).reason());
    assertEquals(CryptoException.Reason.INVALID_HEX,
        assertThrows(CryptoException.class, () -> AinSignature.decode(sig.encode().replace('a', 'g'))).reason());
    assertEquals(CryptoException.Reason.INVALID_HEX,
        assertThrows(CryptoException.class, () -> AinSignature.decode(sig.encode() + "0")).reason());
    assertThrows(CryptoException.class, () -> Keys.parsePrivateKey("zz"));
    assertThrows(CryptoException.class, () -> Keys.parsePrivateKey("00".repeat(32)));
  }

  @Test
  void addressForms() {
    assertTrue(Address.isValid("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertFalse(Address.isChecksum("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertTrue(Address.isChecksum("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"));
    assertFalse(Address.isValid("0x7E5F4552091A69125d5DfCb7b8C2659029395Bd"));
    assertFalse(Address.isValid("7E5F4552091A69125d5DfCb7b8C2659029395Bdf00"));
    assertFalse(Address.isValid("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdg"));
    assertEquals(CryptoException.Reason.INVALID_ADDRESS,
        assertThrows(CryptoException.class, () -> Address.toChecksum("0x12")).reason());
  }
}
