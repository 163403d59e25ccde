package io.ainj.statedb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.statedb.read.ReadOptions;
import io.ainj.statedb.snapshot.StateSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A state cut into small pieces and rebuilt in plan order is the same state. */
class StateSnapshotTest {
  @Test
  void piecesRebuildTheSameRootHashAndChildOrder() {
    MutableState s = StateDb.inMemory().edit("S");
    s.writeRaw(StateRoot.RULES, "/", JsonCodec.parse("{\".rule\":{\"write\":true}}"));
    s.writeRaw(StateRoot.OWNERS, "/apps/a", JsonCodec.parse(
        "{\".owner\":{\"owners\":{\"*\":{\"branch_owner\":true,\"write_function\":true,"
            + "\"write_owner\":true,\"write_rule\":true}}}}"));
    // Insertion order that differs from label order, numeric labels, deletes leaving gaps.
    for (int i = 0; i < 200; i++) {
      s.set(StateRoot.VALUES, "/apps/a/z" + (199 - i), Json.of(i));
      s.set(StateRoot.VALUES, "/apps/b/" + (i * 7 % 50) + "/v", Json.of("x" + i));
    }
    s.set(StateRoot.VALUES, "/apps/a/z10", Json.NULL);
    s.set(StateRoot.VALUES, "/apps/a/late", Json.of(true));
    StateVersion original = s.snapshot();

    List<List<String>> plan = StateSnapshot.plan(original, 600);
    assertTrue(plan.size() > 20, "a small bound cuts the state into many pieces: " + plan.size());
    MutableState target = StateSnapshot.newTarget(StateDbConfig.defaults());
    for (List<String> path : plan) {
      StateSnapshot.apply(target, StateSnapshot.piece(original, path));
    }
    StateVersion rebuilt = target.snapshot();
    assertEquals(original.rootProofHash(), rebuilt.rootProofHash());
    for (String path : List.of("/apps/a", "/apps/b")) {
      assertEquals(JsonCodec.stringify(original.get(StateRoot.VALUES, path, ReadOptions.DEFAULT).value()),
          JsonCodec.stringify(rebuilt.get(StateRoot.VALUES, path, ReadOptions.DEFAULT).value()),
          "same GET output, in the same order, at " + path);
    }

    // A piece that differs gives another root: the receiver's check catches it.
    MutableState tampered = StateSnapshot.newTarget(StateDbConfig.defaults());
    for (List<String> path : plan) {
      StateSnapshot.Piece p = StateSnapshot.piece(original, path);
      if (path.equals(plan.get(plan.size() / 2))) {
        p = new StateSnapshot.Piece(path, Json.of("forged"));
      }
      StateSnapshot.apply(tampered, p);
    }
    assertNotEquals(original.rootProofHash(), tampered.snapshot().rootProofHash());
  }
}
