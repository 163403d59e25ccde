package io.ainj.ledger.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinJson;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import io.ainj.ledger.LedgerTestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TxVerifierTest {
  private static final AinCrypto CRYPTO = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
  private static final JsonNode VECTORS = LedgerTestData.signingVectors();

  @Test
  void objectSizeofMatchesTheReferenceForEveryVector() {
    for (JsonNode tx : VECTORS.path("transactions")) {
      assertEquals(tx.path("object_sizeof_tx_body").asLong(), ObjectSizeof.of(tx.path("tx_body")),
          tx.path("name").asText());
    }
  }

  @Test
  void everyVectorTransactionVerifiesOnItsChainOnly() {
    for (JsonNode tx : VECTORS.path("transactions")) {
      int chainId = tx.path("chain_id").asInt();
      JsonNode params = tx.path("json_rpc_request_params");
      TxVerifier.Outcome ok = new TxVerifier(CRYPTO, chainId, 10_000)
          .verify(params.path("tx_body"), params.path("signature"));
      Transaction verified = assertInstanceOf(TxVerifier.Verified.class, ok, tx.path("name").asText()).tx();
      assertEquals(tx.path("address").asText(), verified.address());
      assertEquals(tx.path("tx_hash").asText(), verified.hash());

      TxVerifier.Outcome other = new TxVerifier(CRYPTO, chainId == 0 ? 1 : 0, 10_000)
          .verify(params.path("tx_body"), params.path("signature"));
      assertEquals(TxRejection.TX_INVALID_SIGNATURE,
          assertInstanceOf(TxVerifier.Rejected.class, other).rejection().code());
    }
  }

  @Test
  void highSSignaturesAreRefused() {
    for (JsonNode neg : VECTORS.path("negative")) {
      if (!neg.has("signature")) {
        continue;
      }
      String hash = neg.path("signature").asText().substring(0, 66);
      for (JsonNode tx : VECTORS.path("transactions")) {
        if (tx.path("tx_hash").asText().equals(hash)) {
          TxVerifier.Outcome out = new TxVerifier(CRYPTO, tx.path("chain_id").asInt(), 10_000)
              .verify(tx.path("tx_body"), neg.path("signature"));
          assertEquals(TxRejection.TX_INVALID_SIGNATURE,
              assertInstanceOf(TxVerifier.Rejected.class, out).rejection().code());
        }
      }
    }
  }

  @Test
  void checksRunInAinOrder() {
    JsonNode tx = VECTORS.path("transactions").get(0);
    JsonNode body = tx.path("tx_body");
    JsonNode sig = tx.path("signature");
    TxVerifier v = new TxVerifier(CRYPTO, 0, 10_000);
    assertEquals(30302, code(v.verify(null, sig)));
    assertEquals(30302, code(v.verify(body, null)));
    assertEquals(30302, code(v.verify(AinJson.parse("null"), sig)));
    // Too large wins over a bad format and a bad signature.
    ObjectNode big = body.deepCopy();
    big.put("junk", "x".repeat(6000));
    assertEquals(30301, code(v.verify(big, TextNode.valueOf("0x00"))));
    ObjectNode unknown = body.deepCopy();
    unknown.put("junk", 1);
    assertEquals(30303, code(v.verify(unknown, TextNode.valueOf("0x00"))));
    assertEquals(30304, code(v.verify(body, TextNode.valueOf("0x00"))));
    assertEquals(30304, code(v.verify(body, TextNode.valueOf("not hex"))));
    assertEquals(30304, code(v.verify(body, AinJson.parse("5"))));
    // A signature over another body is refused even though it recovers to a real key.
    ObjectNode changed = body.deepCopy();
    changed.put("timestamp", 1700000000001L);
    assertEquals(30304, code(v.verify(changed, sig)));
    // The limit is inclusive, as AIN's `>` comparison is.
    assertInstanceOf(TxVerifier.Verified.class,
        new TxVerifier(CRYPTO, 0, ObjectSizeof.of(body)).verify(body, sig));
    assertEquals(30301, code(new TxVerifier(CRYPTO, 0, ObjectSizeof.of(body) - 1).verify(body, sig)));
  }

  @Test
  void aFreshlySignedBodyVerifies() {
    byte[] key = Keys.parsePrivateKey("0x" + "42".repeat(32));
    JsonNode body = AinJson.parse("{\"operation\":{\"type\":\"SET\",\"op_list\":[{\"type\":\"SET_VALUE\","
        + "\"ref\":\"/apps/a/b\",\"value\":{\"x\":[1,2,null]}},{\"type\":\"INC_VALUE\",\"ref\":\"/apps/a/n\","
        + "\"value\":2}]},\"nonce\":3,\"timestamp\":1.7e12,\"gas_price\":500,\"billing\":\"a|0\"}");
    String sig = CRYPTO.signTransaction(body, key, 2).encode();
    Transaction tx = assertInstanceOf(TxVerifier.Verified.class,
        new TxVerifier(CRYPTO, 2, 10_000).verify(body, TextNode.valueOf(sig))).tx();
    assertEquals(CRYPTO.address(key), tx.address());
    assertEquals(3, tx.nonce());
    assertEquals("a|0", tx.billing());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\",\"value\":1},\"nonce\":-1,\"timestamp\":1}",
    "{\"operation\":{\"ref\":\"/a\",\"value\":null},\"nonce\":0,\"timestamp\":1,\"gas_price\":0}",
    "{\"operation\":{\"type\":\"INC_VALUE\",\"ref\":\"/a\",\"value\":-1.5,\"is_global\":true},\"nonce\":-2,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET\",\"op_list\":[]},\"nonce\":1.0,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET\",\"op_list\":[{\"type\":\"SET\"}]},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"FOO\",\"is_global\":false},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_RULE\"},\"nonce\":1,\"timestamp\":1,\"parent_tx_hash\":\"0x1\"}",
    "{\"operation\":{},\"nonce\":1,\"timestamp\":1}",
  })
  void standardFormatAccepts(String json) {
    assertNull(TxBodyFormat.check(AinJson.parse(json)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\",\"value\":1},\"nonce\":-1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\",\"value\":1},\"timestamp\":1}",
    "{\"nonce\":-1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":\"1\",\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":-3,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1.5,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":null,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":\"1\"}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":null}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1,\"gas_price\":-1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1,\"gas_price\":\"500\"}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1,\"gas_price\":null}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1,\"billing\":5}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1,\"parent_tx_hash\":null}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1,\"address\":\"0x00\"}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"\"},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":5},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\",\"extra\":1},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"INC_VALUE\",\"ref\":\"/a\",\"value\":\"1\"},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"FOO\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"\",\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":5,\"ref\":\"/a\"},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET_VALUE\",\"ref\":\"/a\",\"is_global\":\"no\"},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET\"},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET\",\"op_list\":{}},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET\",\"op_list\":[],\"is_global\":false},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET\",\"op_list\":[{\"type\":\"SET\",\"op_list\":[]}]},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":{\"type\":\"SET\",\"op_list\":[5]},\"nonce\":1,\"timestamp\":1}",
    "{\"operation\":\"SET_VALUE\",\"nonce\":1,\"timestamp\":1}",
    "[1]",
  })
  void standardFormatRefuses(String json) {
    assertTrue(TxBodyFormat.check(AinJson.parse(json)) != null, json);
  }

  private static int code(TxVerifier.Outcome outcome) {
    return assertInstanceOf(TxVerifier.Rejected.class, outcome).rejection().code();
  }
}
