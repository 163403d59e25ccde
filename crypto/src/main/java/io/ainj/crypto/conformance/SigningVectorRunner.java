package io.ainj.crypto.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.AinHash;
import io.ainj.crypto.AinSignature;
import io.ainj.crypto.Address;
import io.ainj.crypto.CanonicalJson;
import io.ainj.crypto.CryptoException;
import io.ainj.crypto.Hex;
import io.ainj.crypto.Keccak256;
import io.ainj.crypto.Keys;
import io.ainj.crypto.SeedRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs a file in the format of {@code shared/vectors/signing_vectors.json} against one signature
 * backend. Every section the format defines is checked; a section a file leaves out is simply
 * absent from the results. The expected values come only from the file.
 */
public final class SigningVectorRunner {
  private final AinCrypto crypto;

  public SigningVectorRunner(AinCrypto crypto) {
    this.crypto = crypto;
  }

  public List<CaseResult> run(JsonNode file) {
    List<CaseResult> results = new ArrayList<>();
    int i = 0;
    for (JsonNode key : file.path("keys")) {
      results.add(check("keys[" + i++ + "]", () -> checkKey(key)));
    }
    for (JsonNode tx : file.path("transactions")) {
      results.add(check("transactions/" + tx.path("name").asText(), () -> checkTransaction(tx)));
    }
    for (JsonNode neg : file.path("negative")) {
      if (neg.has("signature")) {
        results.add(
            check("negative/" + neg.path("name").asText(), () -> checkNegative(neg, file)));
      }
    }
    for (JsonNode msg : file.path("messages")) {
      results.add(check("messages/" + msg.path("name").asText(), () -> checkMessage(msg)));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = file.path("block_hashes").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      results.add(check("block_hashes/" + e.getKey(), () -> checkBlockHash(e.getValue())));
    }
    i = 0;
    for (JsonNode tx : file.path("genesis_1node_tx_verify_only")) {
      String name = "genesis_1node_tx_verify_only[" + tx.path("index").asInt(i++) + "]";
      results.add(check(name, () -> checkVerifyOnly(tx)));
    }
    for (JsonNode c : file.path("checksum_addresses")) {
      results.add(
          check(
              "checksum_addresses/" + c.path("input").asText(),
              () -> expectEq("checksum", c.path("checksum").asText(),
                  Address.toChecksum(c.path("input").asText()))));
    }
    i = 0;
    for (JsonNode v : file.path("proposer_selection").path("vectors")) {
      results.add(check("proposer_selection/vectors[" + i++ + "]", () -> checkProposer(v)));
    }
    for (JsonNode v : file.path("proposer_selection").path("seedrandom_raw")) {
      results.add(
          check("proposer_selection/seedrandom_raw/" + v.path("seed").asText(),
              () -> checkSeedRandom(v)));
    }
    return results;
  }

  private interface Check {
    void run();
  }

  private static CaseResult check(String name, Check check) {
    try {
      check.run();
      return CaseResult.pass(name);
    } catch (Mismatch m) {
      return CaseResult.fail(name, m.getMessage());
    } catch (RuntimeException e) {
      return CaseResult.fail(name, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void checkKey(JsonNode key) {
    byte[] priv = Keys.parsePrivateKey(key.path("private_key").asText());
    expectEq("public_key_xy", key.path("public_key_xy").asText(), Hex.encode(crypto.publicKey(priv)));
    expectEq("address", key.path("address").asText(), crypto.address(priv));
    if (key.has("address_lowercase")) {
      expectEq("checksum of address_lowercase", key.path("address").asText(),
          Address.toChecksum(key.path("address_lowercase").asText()));
    }
  }

  private void checkTransaction(JsonNode tx) {
    JsonNode body = tx.path("tx_body");
    int chainId = tx.path("chain_id").asInt();
    String canonical = CanonicalJson.stringify(body);
    expectEq("canonical_json", tx.path("canonical_json").asText(), canonical);
    byte[] utf8 = canonical.getBytes(StandardCharsets.UTF_8);
    if (tx.has("canonical_json_utf8_length")) {
      expectEq("canonical_json_utf8_length", tx.path("canonical_json_utf8_length").asInt(), utf8.length);
    }
    expectEq("inner_keccak256", tx.path("inner_keccak256").asText(), Hex.encodePrefixed(Keccak256.hash(utf8)));
    expectEq("tx_hash", tx.path("tx_hash").asText(), Hex.encodePrefixed(AinHash.txHash(body)));

    AinSignature expected = AinSignature.decode(tx.path("signature").asText());
    if (tx.has("private_key")) {
      byte[] priv = Keys.parsePrivateKey(tx.path("private_key").asText());
      AinSignature signed = crypto.signTransaction(body, priv, chainId);
      expectEq("signature", tx.path("signature").asText(), signed.encode());
      if (tx.has("public_key_xy")) {
        expectEq("public_key_xy", tx.path("public_key_xy").asText(), Hex.encode(crypto.publicKey(priv)));
      }
    }
    JsonNode parts = tx.path("signature_parts");
    if (!parts.isMissingNode()) {
      expectEq("signature_parts.hash", parts.path("hash").asText(), Hex.encodePrefixed(expected.hash()));
      expectEq("signature_parts.r", parts.path("r").asText(), Hex.encodePrefixed(expected.r()));
      expectEq("signature_parts.s", parts.path("s").asText(), Hex.encodePrefixed(expected.s()));
      expectEq("signature_parts.v", parts.path("v").asInt(), expected.v());
    }
    String address = tx.path("address").asText();
    expectEq("recovered address", address, crypto.recoverAddress(expected, chainId));
    expectVerify("verifies_with_own_chain_id", tx.path("verifies_with_own_chain_id"),
        () -> crypto.verifyTransaction(body, expected, address, chainId));
    int otherChain = chainId == 0 ? 1 : 0;
    expectVerify("verifies_with_other_chain_id", tx.path("verifies_with_other_chain_id"),
        () -> crypto.verifyTransaction(body, expected, address, otherChain));
    JsonNode params = tx.path("json_rpc_request_params");
    if (!params.isMissingNode()) {
      AinSignature sent = AinSignature.decode(params.path("signature").asText());
      expectEq("json_rpc_request_params verifies", true,
          crypto.verifyTransaction(params.path("tx_body"), sent, address, chainId));
    }
  }

  private void checkNegative(JsonNode neg, JsonNode file) {
    AinSignature sig = AinSignature.decode(neg.path("signature").asText());
    JsonNode tx = null;
    for (JsonNode candidate : file.path("transactions")) {
      if (candidate.path("tx_hash").asText().equalsIgnoreCase(sig.hashHex())) {
        tx = candidate;
      }
    }
    if (tx == null) {
      throw new Mismatch("no transaction in the file has hash " + sig.hashHex());
    }
    JsonNode body = tx.path("tx_body");
    String address = tx.path("address").asText();
    int chainId = tx.path("chain_id").asInt();
    expectVerify("ain_util_ecVerifySig_result", neg.path("ain_util_ecVerifySig_result"),
        () -> crypto.verifyTransaction(body, sig, address, chainId));
  }

  private void checkMessage(JsonNode msg) {
    String message = msg.path("message").asText();
    int chainId = msg.path("chain_id").asInt();
    if (msg.has("message_js_length")) {
      expectEq("message_js_length", msg.path("message_js_length").asInt(), message.length());
    }
    expectEq("hash", msg.path("hash").asText(), Hex.encodePrefixed(AinHash.hashMessage(message)));
    AinSignature expected = AinSignature.decode(msg.path("signature").asText());
    if (msg.has("private_key")) {
      byte[] priv = Keys.parsePrivateKey(msg.path("private_key").asText());
      expectEq("signature", msg.path("signature").asText(),
          crypto.signMessage(message, priv, chainId).encode());
    }
    String address = msg.path("address").asText();
    expectVerify("verifies", msg.path("verifies"),
        () -> crypto.verifyMessage(message, expected, address, chainId));
  }

  private void checkBlockHash(JsonNode entry) {
    String input;
    if (entry.has("input")) {
      input = entry.path("input").asText();
    } else if (entry.has("header")) {
      input = CanonicalJson.stringify(entry.path("header"));
    } else if (entry.has("receipts")) {
      input = CanonicalJson.stringify(entry.path("receipts"));
    } else {
      throw new Mismatch("entry has none of input, header, receipts");
    }
    if (entry.has("canonical_json")) {
      expectEq("canonical_json", entry.path("canonical_json").asText(), input);
    }
    if (entry.has("canonical_json_length")) {
      expectEq("canonical_json_length", entry.path("canonical_json_length").asInt(), input.length());
    }
    String hash = AinHash.hashString(input);
    for (String field : new String[] {"hash", "expected_block_hash", "expected"}) {
      if (entry.has(field)) {
        expectEq(field, entry.path(field).asText(), hash);
      }
    }
  }

  private void checkVerifyOnly(JsonNode tx) {
    JsonNode body = tx.path("tx_body");
    AinSignature sig = AinSignature.decode(tx.path("signature").asText());
    expectEq("expected_hash", tx.path("expected_hash").asText(), Hex.encodePrefixed(AinHash.txHash(body)));
    expectEq("expected_address", tx.path("expected_address").asText(), crypto.recoverAddress(sig, 0));
    expectVerify("verifies_chain_id_0", tx.path("verifies_chain_id_0"),
        () -> crypto.verifyTransaction(body, sig, tx.path("expected_address").asText(), 0));
  }

  /**
   * AIN's Streamlet proposer rule: seedrandom over the seed, times the total stake of validators
   * with proposal rights (addresses in JS sort order), picks the first whose running stake
   * exceeds the target.
   */
  private static void checkProposer(JsonNode v) {
    double random = new SeedRandom(v.path("seed").asText()).nextDouble();
    expectEq("random", v.path("random").asDouble(), random);
    TreeMap<String, Double> stakes = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.path("validators").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().path("proposal_right").asBoolean(false)) {
        stakes.put(e.getKey(), e.getValue().path("stake").asDouble());
      }
    }
    double total = 0;
    for (double stake : stakes.values()) {
      total += stake;
    }
    double target = random * total;
    expectEq("target", v.path("target").asDouble(), target);
    double cumulative = 0;
    String chosen = null;
    for (Map.Entry<String, Double> e : stakes.entrySet()) {
      cumulative += e.getValue();
      if (cumulative > target) {
        chosen = e.getKey();
        break;
      }
    }
    expectEq("proposer", v.path("proposer").asText(), chosen);
  }

  private static void checkSeedRandom(JsonNode v) {
    SeedRandom rng = new SeedRandom(v.path("seed").asText());
    int i = 0;
    for (JsonNode expected : v.path("first_three")) {
      expectEq("output " + i++, expected.asDouble(), rng.nextDouble());
    }
  }

  /** A vector field is true/false, or a string starting with "throws" when ain-util throws. */
  private static void expectVerify(String field, JsonNode expected, java.util.function.BooleanSupplier verify) {
    if (expected.isMissingNode()) {
      return;
    }
    String actual;
    try {
      actual = Boolean.toString(verify.getAsBoolean());
    } catch (CryptoException e) {
      actual = "throws: " + e.getMessage();
    }
    boolean expectThrow = expected.isTextual() && expected.asText().startsWith("throws");
    boolean ok = expectThrow ? actual.startsWith("throws") : actual.equals(expected.asText());
    if (!ok) {
      throw new Mismatch(field + ": expected " + expected.asText() + ", got " + actual);
    }
  }

  private static void expectEq(String field, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      throw new Mismatch(field + ": expected " + expected + ", got " + actual);
    }
  }

  private static final class Mismatch extends RuntimeException {
    Mismatch(String message) {
      super(message, null, false, false);
    }
  }
}
