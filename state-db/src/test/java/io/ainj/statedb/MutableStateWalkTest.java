package io.ainj.statedb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ainj.statedb.json.Json;
import io.ainj.statedb.tree.StateNode;
import io.ainj.statedb.tree.StateTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The walks a {@link MutableState} keeps between lookups never change what a read or a write
 * sees: random reads, writes (values, subtrees, deletes that prune), restores and reads of
 * missing paths across the four trees and outside them, each checked against a plain walk from
 * the root and against the same writes applied without the state.
 */
class MutableStateWalkTest {
  private static final String[] FIRST = {"values", "rules", "owners", "functions", "other"};
  private static final String[] LABELS = {"apps", "a", "b", "0xAb", "0xab", "c", "$x", "d"};

  private static List<String> randomPath(Random rnd) {
    List<String> p = new ArrayList<>();
    p.add(FIRST[rnd.nextInt(FIRST.length)]);
    int depth = rnd.nextInt(6);
    for (int i = 0; i < depth; i++) {
      p.add(LABELS[rnd.nextInt(LABELS.length)]);
    }
    return p;
  }

  private static Json randomValue(Random rnd) {
    return switch (rnd.nextInt(5)) {
      case 0 -> Json.NULL;
      case 1 -> Json.of(rnd.nextInt(100));
      case 2 -> Json.of("s" + rnd.nextInt(10));
      default -> io.ainj.statedb.json.JsonCodec.parse(
          "{\"" + LABELS[rnd.nextInt(LABELS.length)] + "\":{\"e\":" + rnd.nextInt(9) + "},\"f\":true}");
    };
  }

  @Test
  void keptWalksSeeWhatAPlainWalkFromTheRootSees() {
    for (long seed = 1; seed <= 40; seed++) {
      Random rnd = new Random(seed);
      MutableState s = MutableStateTest.fresh();
      StateNode reference = s.snapshot().rootNode();
      List<StateVersion> snapshots = new ArrayList<>();
      List<StateNode> referenceAt = new ArrayList<>();
      for (int step = 0; step < 400; step++) {
        int op = rnd.nextInt(10);
        if (op < 3) {
          List<String> path = randomPath(rnd);
          Json v = randomValue(rnd);
          s.writeRaw(path, v);
          reference = StateTree.write(reference, path,
              StateTree.fromJson(null, v, s.versionName()), s.versionName());
        } else if (op == 3 && !snapshots.isEmpty()) {
          int i = rnd.nextInt(snapshots.size());
          s.restore(snapshots.get(i));
          reference = referenceAt.get(i);
        } else if (op == 4) {
          snapshots.add(s.snapshot());
          referenceAt.add(reference);
        } else {
          List<String> path = randomPath(rnd);
          StateNode plain = StateTree.getNode(s.snapshot().rootNode(), path);
          assertSame(plain, s.node(path), "seed " + seed + " step " + step + " " + path);
        }
        assertEquals(reference.proofHashHex(), s.rootProofHash(), "seed " + seed + " step " + step);
      }
    }
  }
}
