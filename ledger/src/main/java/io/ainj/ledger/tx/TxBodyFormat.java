package io.ainj.ledger.tx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * AIN's validity check of a transaction body (code 30303 at the JSON-RPC layer, 10702 in the
 * pool): the required fields, an integer nonce of at least -2, the gas price rule and the
 * "standard format" rule.
 *
 * <p>AIN rebuilds a sanitised copy of the body from the keys it knows, coercing each to its
 * type, and requires the copy to deep-equal the input. This class checks the same condition
 * directly: every key must be known and already of the type the sanitiser would produce, so
 * exactly the bodies AIN accepts pass.
 */
public final class TxBodyFormat {
  public static final String SET = "SET";
  static final Set<String> BODY_KEYS =
      Set.of("operation", "nonce", "timestamp", "gas_price", "billing", "parent_tx_hash");
  private static final Set<String> VALUE_OP_KEYS = Set.of("type", "ref", "value", "is_global");
  private static final Set<String> OTHER_OP_KEYS = Set.of("type", "is_global");
  private static final Set<String> SIMPLE_TYPES =
      Set.of("SET_VALUE", "SET_RULE", "SET_FUNCTION", "SET_OWNER");
  private static final Set<String> NUMERIC_TYPES = Set.of("INC_VALUE", "DEC_VALUE");

  private TxBodyFormat() {}

  /** Null when the body is valid, else why it is not (for logs and the error message). */
  public static String check(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "tx_body must be an object";
    }
    for (String required : new String[] {"operation", "timestamp", "nonce"}) {
      if (!body.has(required)) {
        return "tx_body is missing " + required;
      }
    }
    JsonNode nonce = body.get("nonce");
    if (!isInteger(nonce) || nonce.doubleValue() < -2) {
      return "nonce must be an integer >= -2";
    }
    JsonNode gasPrice = body.get("gas_price");
    // Absent or 0 is allowed: AIN runs with its gas-fee workaround on.
    if (gasPrice != null && !(gasPrice.isNumber() && gasPrice.doubleValue() >= 0)) {
      return "gas_price must be a number > 0, or 0";
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!BODY_KEYS.contains(key)) {
        return "unknown key in tx_body: " + key;
      }
    }
    if (!body.get("timestamp").isNumber()) {
      return "timestamp must be a number";
    }
    if (body.has("billing") && !body.get("billing").isTextual()) {
      return "billing must be a string";
    }
    if (body.has("parent_tx_hash") && !body.get("parent_tx_hash").isTextual()) {
      return "parent_tx_hash must be a string";
    }
    return checkOperation(body.get("operation"));
  }

  private static String checkOperation(JsonNode op) {
    if (!op.isObject()) {
      return "operation must be an object";
    }
    JsonNode type = op.get("type");
    if (type != null && type.isTextual() && type.textValue().equals(SET)) {
      for (Iterator<String> it = op.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!key.equals("type") && !key.equals("op_list")) {
          return "unknown key in SET operation: " + key;
        }
      }
      JsonNode list = op.get("op_list");
      if (list == null || !list.isArray()) {
        return "SET operation needs an op_list array";
      }
      for (int i = 0; i < list.size(); i++) {
        String why = checkSimpleOperation(list.get(i));
        if (why != null) {
          return "op_list[" + i + "]: " + why;
        }
      }
      return null;
    }
    return checkSimpleOperation(op);
  }

  private static String checkSimpleOperation(JsonNode op) {
    if (op == null || !op.isObject()) {
      return "operation must be an object";
    }
    JsonNode type = op.get("type");
    if (type != null && !(type.isTextual() && !type.textValue().isEmpty())) {
      return "operation type must be a non-empty string";
    }
    String typeName = type == null ? null : type.textValue();
    boolean numeric = typeName != null && NUMERIC_TYPES.contains(typeName);
    boolean carriesValue = typeName == null || SIMPLE_TYPES.contains(typeName) || numeric;
    Set<String> allowed = carriesValue ? VALUE_OP_KEYS : OTHER_OP_KEYS;
    for (Iterator<String> it = op.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        return "unexpected key in " + (typeName == null ? "operation" : typeName) + ": " + key;
      }
    }
    JsonNode ref = op.get("ref");
    if (ref != null && !(ref.isTextual() && !ref.textValue().isEmpty())) {
      return "ref must be a non-empty string";
    }
    JsonNode value = op.get("value");
    if (numeric && value != null && !value.isNumber()) {
      return typeName + " needs a numeric value";
    }
    JsonNode isGlobal = op.get("is_global");
    if (isGlobal != null && !isGlobal.isBoolean()) {
      return "is_global must be a boolean";
    }
    return null;
  }

  static boolean isInteger(JsonNode n) {
    if (n == null || !n.isNumber()) {
      return false;
    }
    if (n.isIntegralNumber()) {
      return true;
    }
    double d = n.doubleValue();
    return !Double.isInfinite(d) && d == Math.rint(d);
  }
}
