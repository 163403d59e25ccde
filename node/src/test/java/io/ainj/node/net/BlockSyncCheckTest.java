package io.ainj.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.consensus.crypto.AinMessageSigner;
import io.ainj.consensus.crypto.AinSignatureVerifier;
import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.Seal;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import io.ainj.ledger.block.Block;
import io.ainj.node.consensus.CertificateJson;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block sync applies a fetched block only with a valid commit certificate for exactly that block. */
class BlockSyncCheckTest {
  private static final AinCrypto CRYPTO = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
  private static final MessageCodec CODEC = MessageCodec.of(ConsensusConfig.DEFAULTS);

  private final List<AinMessageSigner> signers = new ArrayList<>();
  private final ValidatorSet validators;
  private final AinSignatureVerifier verifier = new AinSignatureVerifier(CRYPTO, 0);

  BlockSyncCheckTest() {
    SecureRandom r = new SecureRandom();
    List<ValidatorId> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      AinMessageSigner s = new AinMessageSigner(CRYPTO, Keys.generatePrivateKey(r), 0);
      signers.add(s);
      ids.add(s.id());
    }
    validators = ValidatorSet.of(ids);
  }

  private static Block block(long number) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Block.assemble("0x" + "11".repeat(32), f.arrayNode(), f.objectNode(), f.arrayNode(), f.arrayNode(),
        number, 1, 1_700_000_000_000L + number, "0x" + "22".repeat(32), "0x00ADEc28B6a845a085e03591bE7550dd68673C1C",
        f.objectNode(), 0, 0);
  }

  private CommitCertificate certificate(long height, String hash, int signatures) {
    Commit c = new Commit(height, 0, Hash.fromHex(hash));
    byte[] digest = CODEC.digest(c);
    List<Seal> seals = new ArrayList<>();
    for (int i = 0; i < signatures; i++) {
      seals.add(new Seal(signers.get(i).id(), signers.get(i).sign(digest)));
    }
    return new CommitCertificate(height, 0, Hash.fromHex(hash), seals);
  }

  private static ObjectNode response(Block b, CommitCertificate c) {
    ObjectNode resp = JsonNodeFactory.instance.objectNode();
    resp.putArray("blocks").addObject().<ObjectNode>set("block", b.toJson()).set("certificate", CertificateJson.encode(c));
    return resp;
  }

  @Test
  void aQuorumCertificateForTheBlockIsAccepted() {
    Block b = block(5);
    BlockSync.Checked r = BlockSync.check(response(b, certificate(5, b.hash(), 3)), validators, verifier, CODEC);
    assertNull(r.error());
    assertEquals(1, r.blocks().size());
  }

  @Test
  void tooFewSignaturesAnotherBlocksCertificateOrATamperedBlockAreRefused() {
    Block b = block(5);
    BlockSync.Checked few = BlockSync.check(response(b, certificate(5, b.hash(), 2)), validators, verifier, CODEC);
    assertTrue(few.blocks().isEmpty());
    assertTrue(few.error().contains("quorum"), few.error());

    Block other = block(6);
    BlockSync.Checked wrong = BlockSync.check(response(b, certificate(6, other.hash(), 3)), validators, verifier, CODEC);
    assertTrue(wrong.blocks().isEmpty());

    ObjectNode tampered = response(b, certificate(5, b.hash(), 3));
    ((ObjectNode) tampered.path("blocks").get(0).path("block")).put("timestamp", 1);
    BlockSync.Checked t = BlockSync.check(tampered, validators, verifier, CODEC);
    assertTrue(t.blocks().isEmpty());
    assertTrue(t.error().contains("undecodable"), t.error());
  }
}
