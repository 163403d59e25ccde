package io.ainj.ledger.block;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.AinHash;

/**
 * The 13 hashed fields of an AIN block (protocol spec §4.1-4.2). The block hash is
 * {@code hashString(stable_stringify(header))}, so the field names and JSON types here are
 * part of the protocol.
 *
 * @param validators {@code {<address>: {stake, proposal_right}}}
 */
public record BlockHeader(
    String lastHash,
    String lastVotesHash,
    String transactionsHash,
    String receiptsHash,
    String evidenceHash,
    long number,
    long epoch,
    long timestamp,
    String stateProofHash,
    String proposer,
    JsonNode validators,
    double gasAmountTotal,
    double gasCostTotal) {

  public ObjectNode toJson() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("last_hash", lastHash);
    h.put("last_votes_hash", lastVotesHash);
    h.put("transactions_hash", transactionsHash);
    h.put("receipts_hash", receiptsHash);
    h.put("evidence_hash", evidenceHash);
    h.put("number", number);
    h.put("epoch", epoch);
    h.put("timestamp", timestamp);
    h.put("state_proof_hash", stateProofHash);
    h.put("proposer", proposer);
    h.set("validators", validators);
    h.put("gas_amount_total", gasAmountTotal);
    h.put("gas_cost_total", gasCostTotal);
    return h;
  }

  /** {@code hashString(stable_stringify(header))}. */
  public String hash() {
    return AinHash.hashCanonicalJson(toJson());
  }

  /**
   * Reads the header fields of a block object.
   *
   * @throws IllegalArgumentException naming the first missing or mistyped field
   */
  public static BlockHeader fromJson(JsonNode block) {
    return new BlockHeader(
        text(block, "last_hash"),
        text(block, "last_votes_hash"),
        text(block, "transactions_hash"),
        text(block, "receipts_hash"),
        text(block, "evidence_hash"),
        integer(block, "number"),
        integer(block, "epoch"),
        integer(block, "timestamp"),
        text(block, "state_proof_hash"),
        text(block, "proposer"),
        object(block, "validators"),
        number(block, "gas_amount_total"),
        number(block, "gas_cost_total"));
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("block field " + field + " must be a string");
    }
    return v.textValue();
  }

  static long integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber() || v.doubleValue() != Math.rint(v.doubleValue())) {
      throw new IllegalArgumentException("block field " + field + " must be an integer");
    }
    return v.longValue();
  }

  static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("block field " + field + " must be a number");
    }
    return v.doubleValue();
  }

  static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw new IllegalArgumentException("block field " + field + " must be an object");
    }
    return v;
  }
}
