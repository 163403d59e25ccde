package io.ainj.statedb.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.MutableState;
import io.ainj.statedb.StateDbConfig;
import io.ainj.statedb.StateRoot;
import io.ainj.statedb.StateVersion;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.path.StatePath;
import io.ainj.statedb.testing.StateDbFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateProofVerifierTest {
  static StateVersion state() {
    MutableState s = StateVersion.empty("NODE:0").edit("NODE:1", StateDbConfig.defaults());
    StateDbFixtures.writeInitBase(s);
    s.writeRaw(StateRoot.VALUES, "/r", JsonCodec.parse(
        "{\"a\":1,\"ab\":{\"x\":\"y\"},\"b\":4,\"abc\":{\"deep\":{\"v\":true}}}"));
    return s.snapshot();
  }

  @Test
  void aProofProvesTheValueAtItsPath() {
    StateVersion v = state();
    List<String> path = StatePath.parse("/values/r/b");
    Json proof = v.stateProof("/values/r/b");
    StateProofVerifier.Result r =
        StateProofVerifier.verifyValue(proof, v.rootProofHash(), path, Json.of(4));
    assertTrue(r.proven(), r.reason());
    assertEquals(v.proofHash("/values/r/b"), r.provenHash());
  }

  @Test
  void aProofOfASubtreeProvesTheSubtree() {
    StateVersion v = state();
    Json proof = v.completeStateProof("/values/r/abc");
    assertTrue(StateProofVerifier.verifyValue(proof, v.rootProofHash(),
        StatePath.parse("/values/r/abc"), JsonCodec.parse("{\"deep\":{\"v\":true}}")).proven());
  }

  @Test
  void wrongValueWrongRootWrongPathAndTamperingAreRejected() {
    StateVersion v = state();
    List<String> path = StatePath.parse("/values/r/b");
    Json proof = v.stateProof("/values/r/b");
    assertFalse(StateProofVerifier.verifyValue(proof, v.rootProofHash(), path, Json.of(5))
        .proven());
    assertFalse(StateProofVerifier.verifyValue(proof, v.proofHash("/values/r"), path, Json.of(4))
        .proven());
    assertFalse(StateProofVerifier.verifyValue(proof, v.rootProofHash(),
        StatePath.parse("/values/r/a"), Json.of(4)).proven());
    String text = JsonCodec.stringify(proof);
    String leafPh = v.proofHash("/values/r/a");
    // Claiming b holds a's value: swap b's hash in the proof for a's.
    Json tampered = JsonCodec.parse(text.replace(v.proofHash("/values/r/b"), leafPh));
    assertFalse(StateProofVerifier.verifyValue(tampered, v.rootProofHash(),
        path, Json.of(1)).proven());
  }

  @Test
  void ainStyleProofOmitsKidsWhereThePathEndsSoOnlyTheCompleteOneVerifiesThere() {
    StateVersion v = state();
    // "ab" sits on a radix node that also has the kid leading to "abc".
    List<String> path = StatePath.parse("/values/r/ab");
    Json ain = v.stateProof("/values/r/ab");
    Json complete = v.completeStateProof("/values/r/ab");
    assertFalse(StateProofVerifier.verifyPath(ain, v.rootProofHash(), path).proven());
    assertTrue(StateProofVerifier.verifyPath(complete, v.rootProofHash(), path).proven());
  }

  @Test
  void missingPathHasNoProof() {
    assertEquals(Json.NULL, state().stateProof("/values/r/zzz"));
  }
}
