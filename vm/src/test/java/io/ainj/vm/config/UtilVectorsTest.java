package io.ainj.vm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JArray;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.vm.TestVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every config-level UTIL vector of state_vectors.json, case by case. */
class UtilVectorsTest {
  private static List<JObject> utilVectors() {
    List<JObject> out = new ArrayList<>();
    for (Json v : TestVectors.stateVectors().items()) {
      JObject vec = (JObject) v;
      JObject op = (JObject) vec.get("op");
      if (op.get("type").equals(Json.of("UTIL"))
          && UtilFunctions.supports(((Json.JString) op.get("fn")).value())) {
        out.add(vec);
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> utilVectorsPass() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JObject vec : utilVectors()) {
      JObject op = (JObject) vec.get("op");
      String fn = ((Json.JString) op.get("fn")).value();
      JArray cases = (JArray) op.get("cases");
      JArray results = (JArray) ((JObject) vec.get("expected")).get("results");
      for (int i = 0; i < cases.items().size(); i++) {
        JArray args = (JArray) cases.items().get(i);
        Json expected = results.items().get(i);
        String name = fn + " " + JsonCodec.stringify(args);
        tests.add(DynamicTest.dynamicTest(name, () -> {
          Json actual = UtilFunctions.apply(fn, args.items(),
              UtilFunctions.VECTOR_MIN_GC_NUM_SIBLINGS_DELETED);
          assertEquals(expected, actual, name + " -> " + JsonCodec.stringify(actual));
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void allNineFunctionsAreCovered() {
    List<String> seen = new ArrayList<>();
    for (JObject vec : utilVectors()) {
      seen.add(((Json.JString) ((JObject) vec.get("op")).get("fn")).value());
    }
    for (String fn : List.of("isValidWriteRule", "isValidStateRule", "isValidRuleConfig",
        "isValidRuleTree", "isValidOwnerConfig", "isValidFunctionConfig", "isValidServiceName",
        "applyRuleChange", "applyOwnerChange")) {
      assertTrue(seen.contains(fn), fn);
    }
  }
}
