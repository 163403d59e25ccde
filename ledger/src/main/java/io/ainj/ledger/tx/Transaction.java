package io.ainj.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A signed transaction whose body passed the format check and whose signature was verified:
 * the four keys AIN stores in blocks ({@code tx_body, signature, hash, address}). Construct it
 * only through {@link TxVerifier}, so holding one means the checks ran (once).
 */
public record Transaction(JsonNode body, String signature, String hash, String address) {

  public long nonce() {
    return (long) body.get("nonce").doubleValue();
  }

  public double timestamp() {
    return body.get("timestamp").doubleValue();
  }

  /** 0 when absent, as AIN reads it. */
  public double gasPrice() {
    JsonNode g = body.get("gas_price");
    return g == null ? 0 : g.doubleValue();
  }

  public JsonNode operation() {
    return body.get("operation");
  }

  public String billing() {
    JsonNode b = body.get("billing");
    return b == null ? null : b.textValue();
  }

  /** The block / RPC form: {@code {tx_body, signature, hash, address}}. */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("tx_body", body);
    out.put("signature", signature);
    out.put("hash", hash);
    out.put("address", address);
    return out;
  }
}
