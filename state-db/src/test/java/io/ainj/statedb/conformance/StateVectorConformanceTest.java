package io.ainj.statedb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StateVectorConformanceTest {
  /** Supported vectors in the public file today: raise it as coverage grows, never lower it. */
  static final int MIN_SUPPORTED = 16;

  static Json vectors() throws IOException {
    try (InputStream in = StateVectorConformanceTest.class.getResourceAsStream(
        "/state_vectors.json")) {
      return JsonCodec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void everySupportedVectorPasses() throws IOException {
    List<VectorResult> results = new StateVectorRunner().run(vectors());
    System.out.println(StateVectorRunner.summary(results));
    results.forEach(r -> System.out.println(r.line()));
    List<VectorResult> failed = results.stream()
        .filter(r -> r.status() == VectorResult.Status.FAIL).collect(Collectors.toList());
    assertTrue(failed.isEmpty(), () -> failed.stream().map(VectorResult::line)
        .collect(Collectors.joining("\n")));
    long passed = results.stream().filter(r -> r.status() == VectorResult.Status.PASS).count();
    assertTrue(passed >= MIN_SUPPORTED, "only " + passed + " vectors supported: "
        + StateVectorRunner.summary(results));
  }

  @Test
  void vmOpsAreReportedAsUnsupportedNotPassed() throws IOException {
    List<VectorResult> results = new StateVectorRunner().run(vectors());
    VectorResult set = results.stream()
        .filter(r -> r.name().equals("SET_VALUE creates intermediate nodes")).findFirst()
        .orElseThrow();
    assertEquals(VectorResult.Status.UNSUPPORTED, set.status());
    assertTrue(set.line().startsWith("SKIP "));
  }

  @Test
  void aBrokenExpectationFails() throws IOException {
    String text = JsonCodec.stringify(vectors()).replace(
        "0x4c6895fec04b40d425d1542b7cfb2f78b0e8cd2dc4d35d0106100f1ecc168cec",
        "0x4c6895fec04b40d425d1542b7cfb2f78b0e8cd2dc4d35d0106100f1ecc168ced");
    List<VectorResult> results = new StateVectorRunner().run(JsonCodec.parse(text));
    assertTrue(results.stream().anyMatch(r -> r.status() == VectorResult.Status.FAIL
        && r.name().startsWith("proof hash is independent")));
  }
}
