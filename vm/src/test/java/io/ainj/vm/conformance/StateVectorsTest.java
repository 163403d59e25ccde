package io.ainj.vm.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.Json.JObject;
import io.ainj.vm.TestVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of state_vectors.json that the vm handles, one dynamic test each. */
class StateVectorsTest {
  @TestFactory
  Stream<DynamicTest> vmVectorsPass() {
    VmVectorExecutor exec = new VmVectorExecutor();
    List<DynamicTest> tests = new ArrayList<>();
    for (Json v : TestVectors.stateVectors().items()) {
      if (!VmVectorExecutor.handles(((JObject) v).get("op"))) {
        continue;
      }
      String name = ((Json.JString) ((JObject) v).get("name")).value();
      tests.add(DynamicTest.dynamicTest(name, () -> {
        VmVectorExecutor.Outcome o = exec.run(v);
        assertTrue(o.passed(), o.name() + ": " + o.detail());
      }));
    }
    assertTrue(tests.size() >= 80, "vm vectors found: " + tests.size());
    return tests.stream();
  }
}
