package io.ainj.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ainj.crypto.AinHash;
import io.ainj.crypto.Hex;
import io.ainj.crypto.Keys;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TxGossipTest {
  @Test
  void theHashASignatureClaimsIsTheBodysHashForAnHonestTransaction() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("operation").put("type", "SET_VALUE").put("ref", "/apps/a/b").put("value", 1);
    body.put("nonce", -1).put("timestamp", 1234).put("gas_price", 0);
    byte[] key = Keys.generatePrivateKey(new SecureRandom(new byte[] {7}));
    String sig = TestQuorum.CRYPTO.signTransaction(body, key, 0).encode();
    assertEquals(Hex.encodePrefixed(AinHash.txHash(body)), TxGossip.signedHash(TextNode.valueOf(sig)));
    // Upper-case hex decodes to the same hash: de-duplication keys are canonical.
    assertEquals(TxGossip.signedHash(TextNode.valueOf(sig)),
        TxGossip.signedHash(TextNode.valueOf("0x" + sig.substring(2).toUpperCase())));
  }

  @Test
  void aSignatureThatDoesNotDecodeClaimsNothing() {
    assertNull(TxGossip.signedHash(null));
    assertNull(TxGossip.signedHash(JsonNodeFactory.instance.numberNode(5)));
    assertNull(TxGossip.signedHash(TextNode.valueOf("0x1234")));
    assertNull(TxGossip.signedHash(TextNode.valueOf("not hex at all")));
  }
}
