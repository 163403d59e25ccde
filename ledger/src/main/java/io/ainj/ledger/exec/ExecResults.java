package io.ainj.ledger.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Reading AIN execution results: failure, precheck failure, and the receipt they reduce to. */
public final class ExecResults {
  /** Result codes of checks that run before anything executes: never pooled, charged or included. */
  public static final Set<Integer> PRECHECK_CODES = Set.of(
      10706, 10707, 10710, 10711, 10712, 10713, 10714, 16001,
      10801, 10802, 10803, 10804, 10805, 10806);
  private static final int FUNC_SUCCESS = 0;
  private static final int FUNC_SKIP = 20000;

  private ExecResults() {}

  /** The top-level code of a single-op result, or of the first failing op of a SET. */
  public static int code(JsonNode result) {
    if (result == null || !result.isObject()) {
      return -1;
    }
    if (result.has("code")) {
      return result.get("code").asInt();
    }
    for (JsonNode r : iterable(result.path("result_list"))) {
      int c = r.path("code").asInt(0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  public static boolean isPrecheckFailure(JsonNode result) {
    return result.has("code") && PRECHECK_CODES.contains(result.get("code").asInt());
  }

  /**
   * AIN's {@code isFailedTx}: any op code other than 0, or any function result other than
   * success or skip, at any depth of {@code func_results} and {@code subtree_func_results}.
   */
  public static boolean isFailed(JsonNode result) {
    if (result == null || !result.isObject()) {
      return true;
    }
    if (result.has("result_list")) {
      for (JsonNode r : iterable(result.get("result_list"))) {
        if (isFailedOp(r)) {
          return true;
        }
      }
      return false;
    }
    return isFailedOp(result);
  }

  private static boolean isFailedOp(JsonNode op) {
    if (op.path("code").asInt(0) != 0) {
      return true;
    }
    return hasFailedFunction(op.path("func_results")) || hasFailedFunction(op.path("subtree_func_results"));
  }

  private static boolean hasFailedFunction(JsonNode funcResults) {
    if (!funcResults.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = funcResults.fields(); it.hasNext(); ) {
      JsonNode fr = it.next().getValue();
      if (!fr.isObject()) {
        continue;
      }
      if (fr.has("code")) {
        int c = fr.get("code").asInt();
        if (c != FUNC_SUCCESS && c != FUNC_SKIP) {
          return true;
        }
      }
      for (JsonNode opResult : iterable(fr.path("op_results"))) {
        if (isFailed(opResult.path("result"))) {
          return true;
        }
      }
      if (hasFailedFunction(fr.path("subtree_func_results"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The block receipt of a result (protocol spec §4.4): {@code code} (or {@code result_list}
   * of codes for SET), {@code gas_amount_charged} and {@code gas_cost_total}, each only when
   * the result has it.
   */
  public static ObjectNode receipt(JsonNode result) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    if (result.has("code")) {
      r.set("code", result.get("code"));
    }
    if (result.has("result_list")) {
      ObjectNode list = r.putObject("result_list");
      for (Iterator<Map.Entry<String, JsonNode>> it = result.get("result_list").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        list.putObject(e.getKey()).set("code", e.getValue().path("code"));
      }
    }
    if (result.has("gas_amount_charged")) {
      r.set("gas_amount_charged", result.get("gas_amount_charged"));
    }
    if (result.has("gas_cost_total")) {
      r.set("gas_cost_total", result.get("gas_cost_total"));
    }
    return r;
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node::elements;
  }

  /**
   * Whether two receipts are the same JSON value, numbers compared by value: a receipt read from
   * the wire holds numbers in other Java types than a freshly executed one (the canonical JSON
   * that the receipts hash is made of is then the same).
   */
  public static boolean sameReceipt(JsonNode a, JsonNode b) {
    return a.equals(SAME_JS_VALUE, b);
  }

  private static final java.util.Comparator<JsonNode> SAME_JS_VALUE = (x, y) -> {
    if (x.isNumber() && y.isNumber()) {
      return x.doubleValue() == y.doubleValue() ? 0 : 1;
    }
    return x.equals(y) ? 0 : 1;
  };
}
