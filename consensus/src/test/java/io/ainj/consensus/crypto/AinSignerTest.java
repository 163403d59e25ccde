package io.ainj.consensus.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.Prepare;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Hex;
import org.junit.jupiter.api.Test;

class AinSignerTest {
  /** Private key 1: the well-known address of spec section 1.1. */
  static final byte[] KEY_ONE = Hex.decode("00".repeat(31) + "01");

  @Test
  void signsWithTheNodeKeyAndVerifiesByAddress() {
    for (AinCrypto crypto : new AinCrypto[] {
        AinCrypto.defaultInstance(), new AinCrypto(EcdsaBackends.bouncyCastle())}) {
      AinMessageSigner signer = new AinMessageSigner(crypto, KEY_ONE, 2);
      assertEquals(ValidatorId.fromHex("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"), signer.id());
      AinSignatureVerifier verifier = new AinSignatureVerifier(crypto, 2);
      byte[] digest = new MessageCodec(2, 1 << 20).digest(
          new Prepare(5, 0, Hash.fromHex("cd".repeat(32))));
      Signature sig = signer.sign(digest);
      assertEquals(65, sig.length());
      assertTrue(verifier.verify(digest, sig, signer.id()));

      byte[] other = digest.clone();
      other[0] ^= 1;
      assertFalse(verifier.verify(other, sig, signer.id()), "another digest");
      assertFalse(verifier.verify(digest, sig,
          ValidatorId.fromHex("0x" + "11".repeat(20))), "another validator");
      assertFalse(new AinSignatureVerifier(crypto, 0).verify(digest, sig, signer.id()),
          "another chain id (v does not fit) is an invalid signature, not an exception");
      assertFalse(verifier.verify(digest, Signature.of(new byte[65]), signer.id()));
      assertFalse(verifier.verify(digest, Signature.of(new byte[3]), signer.id()));
    }
  }
}
