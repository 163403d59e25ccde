package io.ainj.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.crypto.conformance.CaseResult;
import io.ainj.crypto.conformance.SigningVectorRunner;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningVectorsTest {

  @ParameterizedTest
  @ValueSource(strings = {"native", "bc"})
  void everyVectorPassesOnBothBackends(String backend) {
    AinCrypto crypto = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.parse(backend)));
    assertEquals(backend, crypto.backend().name());
    List<CaseResult> results = new SigningVectorRunner(crypto).run(TestVectors.signingVectors());
    String failures =
        results.stream().filter(r -> !r.passed()).map(CaseResult::line).collect(Collectors.joining("\n"));
    assertEquals("", failures);
    // keys 4 + transactions 9 + negative 2 + messages 4 + block hashes 4 + verify-only 2
    // + checksums 5 + proposer 4 + seedrandom 2: a shrinking count means a section was skipped.
    assertTrue(results.size() >= 36, "only " + results.size() + " cases ran");
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "bc"})
  void aTamperedVectorFails(String backend) {
    AinCrypto crypto = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.parse(backend)));
    com.fasterxml.jackson.databind.node.ObjectNode file =
        (com.fasterxml.jackson.databind.node.ObjectNode) TestVectors.signingVectors();
    com.fasterxml.jackson.databind.node.ObjectNode tx =
        (com.fasterxml.jackson.databind.node.ObjectNode) file.path("transactions").get(0);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tx.path("tx_body")).put("nonce", 7);
    List<CaseResult> results = new SigningVectorRunner(crypto).run(file);
    CaseResult first = results.stream()
        .filter(r -> r.name().equals("transactions/ainjs_set_value_unordered"))
        .findFirst().orElseThrow();
    assertTrue(!first.passed() && first.failure().startsWith("canonical_json"), first.line());
  }
}
