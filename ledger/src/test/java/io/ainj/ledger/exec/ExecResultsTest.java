package io.ainj.ledger.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ainj.crypto.AinJson;
import org.junit.jupiter.api.Test;

class ExecResultsTest {
  private static JsonNode json(String s) throws Exception {
    return AinJson.mapper().readTree(s);
  }

  @Test
  void receiptsAreComparedAsJsValues() throws Exception {
    JsonNode wire = json("{\"code\":0,\"gas_amount_charged\":0,\"gas_cost_total\":0.5,\"x\":{\"a\":[1,\"b\"]}}");
    JsonNode mine = json("{\"x\":{\"a\":[1.0,\"b\"]},\"gas_cost_total\":0.5,\"gas_amount_charged\":0.0,\"code\":0}");
    assertTrue(ExecResults.sameReceipt(wire, mine), "key order and number types do not matter");
    assertFalse(ExecResults.sameReceipt(wire, json("{\"code\":0,\"gas_amount_charged\":1,\"gas_cost_total\":0.5,\"x\":{\"a\":[1,\"b\"]}}")));
    assertFalse(ExecResults.sameReceipt(wire, json("{\"code\":0,\"gas_amount_charged\":0,\"gas_cost_total\":0.5,\"x\":{\"a\":[\"1\",\"b\"]}}")),
        "a number is not a string");
    assertFalse(ExecResults.sameReceipt(wire, json("{\"code\":0,\"gas_amount_charged\":0,\"gas_cost_total\":0.5,\"x\":{\"a\":[1,\"b\"]},\"y\":null}")),
        "an extra field");
    assertFalse(ExecResults.sameReceipt(wire, json("{\"code\":0,\"gas_amount_charged\":0,\"gas_cost_total\":0.5,\"x\":{\"a\":[1]}}")));
  }
}
