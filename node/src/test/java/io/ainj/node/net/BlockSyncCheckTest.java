package io.ainj.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.consensus.crypto.AinSignatureVerifier;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.types.ValidatorSet;
import io.ainj.ledger.block.Block;
import io.ainj.node.consensus.CertificateJson;
import org.junit.jupiter.api.Test;

/** Block sync applies a fetched block only with a valid commit certificate for exactly that block. */
class BlockSyncCheckTest {
  private final TestQuorum quorum = new TestQuorum();
  private final ValidatorSet validators = quorum.validators;
  private final AinSignatureVerifier verifier = quorum.verifier;
  private static final MessageCodec CODEC = TestQuorum.CODEC;

  private static Block block(long number) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Block.assemble("0x" + "11".repeat(32), f.arrayNode(), f.objectNode(), f.arrayNode(), f.arrayNode(),
        number, 1, 1_700_000_000_000L + number, "0x" + "22".repeat(32), "0x00ADEc28B6a845a085e03591bE7550dd68673C1C",
        f.objectNode(), 0, 0);
  }

  private static ObjectNode response(Block b, CommitCertificate c) {
    ObjectNode resp = JsonNodeFactory.instance.objectNode();
    resp.putArray("blocks").addObject().<ObjectNode>set("block", b.toJson()).set("certificate", CertificateJson.encode(c));
    return resp;
  }

  @Test
  void aQuorumCertificateForTheBlockIsAccepted() {
    Block b = block(5);
    BlockSync.Checked r = BlockSync.check(response(b, quorum.certificate(5, b.hash(), 3)), validators, verifier, CODEC);
    assertNull(r.error());
    assertEquals(1, r.blocks().size());
  }

  @Test
  void tooFewSignaturesAnotherBlocksCertificateOrATamperedBlockAreRefused() {
    Block b = block(5);
    BlockSync.Checked few = BlockSync.check(response(b, quorum.certificate(5, b.hash(), 2)), validators, verifier, CODEC);
    assertTrue(few.blocks().isEmpty());
    assertTrue(few.error().contains("quorum"), few.error());

    Block other = block(6);
    BlockSync.Checked wrong = BlockSync.check(response(b, quorum.certificate(6, other.hash(), 3)), validators, verifier, CODEC);
    assertTrue(wrong.blocks().isEmpty());

    ObjectNode tampered = response(b, quorum.certificate(5, b.hash(), 3));
    ((ObjectNode) tampered.path("blocks").get(0).path("block")).put("timestamp", 1);
    BlockSync.Checked t = BlockSync.check(tampered, validators, verifier, CODEC);
    assertTrue(t.blocks().isEmpty());
    assertTrue(t.error().contains("undecodable"), t.error());
  }
}
